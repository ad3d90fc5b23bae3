import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigValidationError } from '../api/index.js';
import { readConfigFile } from './read-config-file.js';
import { UsageError } from './usage-error.js';

const dir = mkdtempSync(join(tmpdir(), 'gale-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('read-config-file', () => {
  it('read-config-file - returns exactly the keys the file sets, without defaults', () => {
    const path = file('ok.json', JSON.stringify({ workers: 2, user: { greeting: 'hi' } }));
    assert.deepEqual(readConfigFile(path), { workers: 2, user: { greeting: 'hi' } });
    assert.deepEqual(readConfigFile(file('empty.json', '{}')), {});
  });

  it('read-config-file - lists every bad key with its path', () => {
    const path = file('bad.json', JSON.stringify({ receiveQueueCapacity: -1, nope: true }));
    assert.throws(
      () => readConfigFile(path),
      (err: unknown) =>
        err instanceof ConfigValidationError &&
        err.problems.some((p) => p.path === 'topology.receiveQueueCapacity') &&
        err.problems.some((p) => p.path === 'topology.nope' && p.message === 'unknown key') &&
        err.message.startsWith(`invalid --config ${path} (2 problems):`),
    );
  });

  it('read-config-file - a missing file, bad JSON or a non-object is a usage error', () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /cannot read it: ENOENT/],
      [file('broken.json', '{ "workers": '), /not valid JSON/],
      [file('array.json', '[1, 2]'), /expected a JSON object/],
      [file('null.json', 'null'), /expected a JSON object/],
    ];
    for (const [path, expected] of cases) {
      assert.throws(
        () => readConfigFile(path),
        (err: unknown) =>
          err instanceof UsageError &&
          err.message.startsWith(`--config ${path}: `) &&
          expected.test(err.message),
        path,
      );
    }
  });
});
