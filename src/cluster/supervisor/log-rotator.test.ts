import assert from 'node:assert/strict';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../runtime/index.js';
import { waitFor } from '../../../test/helpers/wait-for.js';
import { LogRotator } from './log-rotator.js';

describe('log rotator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gale-rotate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('log rotator - a file over the limit is copied to .1 and truncated; the writer appends from the new start; copies shift and the oldest goes', async () => {
    const file = join(dir, 'wc-6700.log');
    // As a worker's stderr: a descriptor opened to append, kept open across rotations.
    const fd = openSync(file, 'a');
    const other = join(dir, 'notes.txt');
    closeSync(openSync(other, 'a'));
    writeSync(fd, 'x'.repeat(50));
    const rotator = new LogRotator({ dir, maxBytes: 100, keep: 2, logger: silentLogger });
    assert.deepEqual(await rotator.check(), [], 'under the limit: left alone');

    writeSync(fd, `${'a'.repeat(99)}\n`);
    assert.deepEqual(await rotator.check(), ['wc-6700.log']);
    assert.equal(statSync(file).size, 0);
    assert.equal(readFileSync(`${file}.1`, 'utf8'), `${'x'.repeat(50)}${'a'.repeat(99)}\n`);
    writeSync(fd, 'after\n');
    assert.equal(readFileSync(file, 'utf8'), 'after\n', 'no hole: the next line is at the start');

    writeSync(fd, `${'b'.repeat(120)}\n`);
    await rotator.check();
    assert.ok(readFileSync(`${file}.1`, 'utf8').endsWith(`${'b'.repeat(120)}\n`));
    assert.ok(readFileSync(`${file}.2`, 'utf8').startsWith('x'), 'the older copy shifted to .2');

    writeSync(fd, `${'c'.repeat(120)}\n`);
    await rotator.check();
    assert.ok(readFileSync(`${file}.1`, 'utf8').includes('c'));
    assert.ok(readFileSync(`${file}.2`, 'utf8').includes('b'));
    assert.ok(!existsSync(`${file}.3`), 'at most keep copies');
    assert.ok(!readFileSync(`${file}.2`, 'utf8').includes('x'), 'the oldest dropped');
    assert.equal(statSync(other).size, 0);
    assert.ok(!existsSync(`${other}.1`), 'only worker log files are rotated');
    closeSync(fd);
    await rotator.close();
    await rotator.close();
  });

  it('log rotator - keep 0 only truncates; maxBytes 0 never rotates', async () => {
    const file = join(dir, 'k0-6701.log');
    const fd = openSync(file, 'a');
    writeSync(fd, 'y'.repeat(300));
    assert.deepEqual(await new LogRotator({ dir, maxBytes: 0, keep: 1, logger: silentLogger }).check(), []);
    assert.equal(statSync(file).size, 300);
    const rotator = new LogRotator({ dir, maxBytes: 100, keep: 0, logger: silentLogger });
    assert.ok((await rotator.check()).includes('k0-6701.log'));
    assert.equal(statSync(file).size, 0);
    assert.ok(!existsSync(`${file}.1`));
    closeSync(fd);
    await rotator.close();
  });

  it('log rotator - start checks on its own; close stops it', async () => {
    const file = join(dir, 'auto-6702.log');
    const fd = openSync(file, 'a');
    writeSync(fd, 'z'.repeat(500));
    const rotator = new LogRotator({ dir, maxBytes: 100, keep: 1, intervalMs: 20, logger: silentLogger });
    rotator.start();
    await waitFor(() => statSync(file).size === 0, { timeoutMs: 5000, intervalMs: 10, message: 'rotated' });
    await rotator.close();
    writeSync(fd, 'z'.repeat(500));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(statSync(file).size, 500, 'no check after close');
    closeSync(fd);
  });
});
