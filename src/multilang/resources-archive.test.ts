import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pack } from 'msgpackr';
import { GaleError } from '../api/errors.js';
import { decodeResources, packResources, RESOURCES_FORMAT, unpackResources } from './resources-archive.js';

describe('resources archive', () => {
  const base = mkdtempSync(join(tmpdir(), 'gale-resources-'));
  after(() => rmSync(base, { recursive: true, force: true }));
  let n = 0;
  const fresh = (): string => {
    const dir = join(base, `d${n++}`);
    mkdirSync(dir);
    return dir;
  };

  it('resources archive - round trip: nested files, bytes and modes kept; dotfiles and __pycache__ left out', () => {
    const src = fresh();
    writeFileSync(join(src, 'split.py'), 'print("hi")\n');
    chmodSync(join(src, 'split.py'), 0o755);
    mkdirSync(join(src, 'lib', 'deep'), { recursive: true });
    writeFileSync(join(src, 'lib', 'deep', 'data.bin'), Buffer.from([0, 1, 2, 255]));
    chmodSync(join(src, 'lib', 'deep', 'data.bin'), 0o600);
    writeFileSync(join(src, '.env'), 'SECRET=1');
    mkdirSync(join(src, '__pycache__'));
    writeFileSync(join(src, '__pycache__', 'x.pyc'), 'x');
    mkdirSync(join(src, 'node_modules', '.cache'), { recursive: true });
    writeFileSync(join(src, 'node_modules', '.cache', 'c'), 'c');
    symlinkSync(join(src, 'split.py'), join(src, 'alias.py'));

    const archive = packResources(src);
    assert.deepEqual(archive, packResources(src), 'the same directory packs to the same bytes');
    assert.deepEqual(
      decodeResources(archive).map((e) => e.path),
      ['alias.py', 'lib/deep/data.bin', 'split.py'],
    );
    const out = join(fresh(), 'copy');
    unpackResources(archive, out);
    assert.equal(readFileSync(join(out, 'split.py'), 'utf8'), 'print("hi")\n');
    assert.equal(readFileSync(join(out, 'alias.py'), 'utf8'), 'print("hi")\n');
    assert.deepEqual(readFileSync(join(out, 'lib', 'deep', 'data.bin')), Buffer.from([0, 1, 2, 255]));
    assert.equal(statSync(join(out, 'split.py')).mode & 0o777, 0o755);
    assert.equal(statSync(join(out, 'lib', 'deep', 'data.bin')).mode & 0o777, 0o600);
  });

  it('resources archive - a symlink pointing outside the directory is refused, naming it', () => {
    const src = fresh();
    const outside = join(fresh(), 'secret.txt');
    writeFileSync(outside, 'x');
    symlinkSync(outside, join(src, 'link.txt'));
    assert.throws(
      () => packResources(src),
      (err: unknown) =>
        err instanceof GaleError &&
        err.code === 'TOPOLOGY_INVALID' &&
        err.message.includes(join(src, 'link.txt')) &&
        /outside the directory/.test(err.message),
    );
  });

  it('resources archive - over the size limit is BUNDLE_TOO_LARGE naming the directory', () => {
    const src = fresh();
    writeFileSync(join(src, 'a'), Buffer.alloc(600));
    writeFileSync(join(src, 'b'), Buffer.alloc(600));
    assert.throws(
      () => packResources(src, 1000),
      (err: unknown) =>
        err instanceof GaleError &&
        err.code === 'BUNDLE_TOO_LARGE' &&
        err.message.includes(`directory ${src} `),
    );
    assert.ok(packResources(src, 2000).byteLength > 1200);
  });

  it('resources archive - a missing directory is TOPOLOGY_INVALID naming it', () => {
    const missing = join(base, 'nope');
    assert.throws(
      () => packResources(missing),
      (err: unknown) =>
        err instanceof GaleError && err.code === 'TOPOLOGY_INVALID' && err.message.includes(missing),
    );
  });

  it("resources archive - entries with '..', absolute paths or a bad shape are rejected and nothing escapes", () => {
    const bytes = new Uint8Array([1]);
    for (const path of ['../evil', 'a/../../evil', '/etc/evil', 'a//b', './a', 'a\\..\\b']) {
      const archive = pack({ format: RESOURCES_FORMAT, entries: [{ path, mode: 0o644, bytes }] });
      const target = join(fresh(), 'out');
      assert.throws(
        () => unpackResources(archive, target, 'abc'),
        (err: unknown) =>
          err instanceof GaleError &&
          err.code === 'STORE_RECORD_INVALID' &&
          err.message.includes('resources archive abc') &&
          err.message.includes(JSON.stringify(path)),
        path,
      );
    }
    assert.throws(() => decodeResources(pack({ format: 'other', entries: [] })), /format "other"/);
    assert.throws(
      () => decodeResources(pack({ format: RESOURCES_FORMAT, entries: [{ path: 'a' }] })),
      /entry 0/,
    );
    assert.throws(() => decodeResources(Buffer.from('not msgpack at all')), GaleError);
  });
});
