/**
 * The pid directory of a process running shell components (`<tmp>/gale-pids/<pid>/`) is gone once
 * the process has exited: `gale run` of a topology with a Python bolt, for a second.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/multilang-cluster-word-count.js', import.meta.url));
const RESOURCES = fileURLToPath(new URL('../../../test/multilang/resources/', import.meta.url));

describe('multilang pid directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gale-piddir-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('multilang pid dir - removed when the process that ran the subprocesses exits', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ user: { outDir: dir, sentences: 20 } }));
    const child = spawn(
      process.execPath,
      [CLI, 'run', FIXTURE, '-d', '1s', '--no-progress', '--config', config],
      {
        env: { ...process.env, GALE_TEST_SHELL_RESOURCES: RESOURCES },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 0, stderr);
    assert.match(stderr, /launched subprocess|split/, 'the shell bolt ran');
    assert.ok(!existsSync(join(tmpdir(), 'gale-pids', String(child.pid))), 'its pid directory is gone');
  });
});
