/**
 * `gale run` as a user runs it: the compiled CLI in a child process, from the repository root.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gale(
  args: readonly string[],
  onSpawn?: (kill: (s: NodeJS.Signals) => void, stderr: () => string) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    onSpawn?.(
      (s) => child.kill(s),
      () => stderr,
    );
  });
}

function tempModule(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gale-cli-'));
  const file = join(dir, 'topo.mjs');
  writeFileSync(file, source);
  return file;
}

const API = JSON.stringify(new URL('../../../dist/src/api/index.js', import.meta.url).href);

describe('gale run', () => {
  it('gale run - runs the word count and prints the report and the summary', async () => {
    const r = await gale(['run', 'examples/word-count.ts', '--duration', '1500ms', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /top words \(of \d+ counted\):/);
    assert.match(r.stdout, /^ {2}the +\d+$/m);
    assert.match(r.stderr, /component +tasks +emitted +executed/);
    assert.match(r.stderr, /^split +2 +\d+/m);
  });

  it('gale run - runs the exclamation topology', async () => {
    const r = await gale(['run', 'examples/exclamation.ts', '--duration', '1s', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^nathan!!!!!! x\d+$/m);
  });

  it('gale run - accepts a module exporting a function that returns a topology', async () => {
    const file = tempModule(`
      import { BaseSpout, TopologyBuilder } from ${API};
      class S extends BaseSpout { nextTuple() { this.collector.emit([1]); } declareOutputFields(d) { d.declare(['n']); } }
      export default async () => { const b = new TopologyBuilder(); b.setSpout('s', () => new S()); return b.createTopology(); };
    `);
    const r = await gale(['run', file, '--duration', '300ms', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^s +1 +\d+/m);
  });

  it('gale run - a module without a topology is one line and exit 2', async () => {
    const r = await gale(['run', tempModule('export default 42;\n')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must default-export a topology/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('gale run - a missing file, a bad duration and an unknown flag are exit 2', async () => {
    for (const args of [
      ['run', 'nope.ts'],
      ['run', 'examples/word-count.ts', '--duration', 'soon'],
      ['run', '--bogus', 'x.ts'],
    ]) {
      const r = await gale(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^gale: /);
    }
  });

  it('gale run - an invalid topology lists every problem and exits 2', async () => {
    const file = tempModule(`
      import { BaseSpout, BaseBolt, TopologyBuilder } from ${API};
      class S extends BaseSpout { nextTuple() {} declareOutputFields(d) { d.declare(['n']); } }
      class B extends BaseBolt { execute() {} }
      const b = new TopologyBuilder();
      b.setSpout('s', () => new S(), 0);
      b.setBolt('b', () => new B()).fieldsGrouping('s', ['nope']).shuffleGrouping('ghost');
      export default () => b.createTopology();
    `);
    const r = await gale(['run', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /s: parallelism must be an integer >= 1, got 0/);
    assert.match(r.stderr, /undeclared field 'nope'/);
    assert.match(r.stderr, /unknown component 'ghost'/);
  });

  it('gale run - a bad --config key names its key path and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gale-cfg-'));
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({ receiveQueueCapacity: -1, nope: true }));
    const r = await gale(['run', 'examples/word-count.ts', '--config', cfg]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /topology\.receiveQueueCapacity: /);
    assert.match(r.stderr, /topology\.nope: unknown key/);
  });

  it('gale run - SIGINT stops gracefully with a summary', async () => {
    const r = await gale(
      ['run', 'examples/word-count.ts', '--duration', '0', '--no-progress'],
      (kill, stderr) => {
        // Interrupt once the topology reports it is running (the signal handlers are set by then).
        const poll = setInterval(() => {
          if (stderr().includes('running ')) {
            clearInterval(poll);
            kill('SIGINT');
          }
        }, 20);
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /stopping \(SIGINT\)/);
    assert.match(r.stdout, /top words/);
    assert.match(r.stderr, /^count +2 +\d+/m);
  });
});
