/**
 * `gale run` as a user runs it: the compiled CLI in a child process, from the repository root,
 * loading TypeScript modules straight from their sources. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const FIXTURES = 'test/e2e/fixtures';
/** The api as a temp-dir module can import it (the `gale` name resolves only inside the repo). */
const API_URL = JSON.stringify(new URL('dist/src/api/index.js', `file://${ROOT}`).href);

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Child {
  readonly kill: (signal: NodeJS.Signals) => void;
}

/**
 * Runs `gale ...args`. `onStderr` sees stderr as it grows, with a handle to signal the process.
 * A run that outlives `timeoutMs` is killed and fails the test.
 */
function gale(
  args: readonly string[],
  onStderr?: (stderr: string, child: Child) => void,
  timeoutMs = 20_000,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gale ${args.join(' ')} still running after ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, { kill: (s) => child.kill(s) });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const TEMP = mkdtempSync(join(tmpdir(), 'gale-cli-'));
after(() => rmSync(TEMP, { recursive: true, force: true }));

function tempModule(source: string, name = 'topo.mjs'): string {
  const file = join(mkdtempSync(join(TEMP, 'm-')), name);
  writeFileSync(file, source);
  return file;
}

/** The summary row of `component`, as numbers: tasks, emitted, executed, acked, failed, errors. */
function row(stderr: string, component: string): number[] {
  const line = stderr.split('\n').find((l) => l.startsWith(`${component} `));
  assert.ok(line !== undefined, `no summary row for '${component}' in:\n${stderr}`);
  return line
    .split(/\s+/)
    .slice(1, 7)
    .map((cell) => Number(cell));
}

function assertOneLine(r: Result, expected: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, expected);
  assert.match(r.stderr, /^gale: [^\n]+\n$/, `not one line: ${JSON.stringify(r.stderr)}`);
}

describe('gale run', () => {
  it('gale run - runs the word count from its TypeScript source and prints the report and the summary', async () => {
    const r = await gale(['run', 'examples/word-count.ts', '--duration', '1500ms', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^running 'word-count' for 1500ms$/m);
    const total = /^top words \(of (\d+) counted\):$/m.exec(r.stdout);
    assert.ok(total !== null, r.stdout);
    assert.match(r.stdout, /^ {2}the +\d+$/m);
    assert.match(
      r.stderr,
      /^component +tasks +emitted +executed +acked +failed +errors +mean rate +complete p50\/p99$/m,
    );
    const [splitTasks, , splitExecuted] = row(r.stderr, 'split');
    assert.equal(splitTasks, 2);
    assert.ok(splitExecuted! > 0);
    // Everything counted reached the report bolt: the graceful stop drained the queues.
    assert.equal(row(r.stderr, 'report')[2], Number(total[1]));
    assert.equal(row(r.stderr, 'count')[1], Number(total[1]));
  });

  it('gale run - --workers 3 runs the word count on three workers and still drains everything', async () => {
    const r = await gale([
      'run',
      'examples/word-count.ts',
      '-d',
      '1500ms',
      '--workers',
      '3',
      '--no-progress',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const total = /^top words \(of (\d+) counted\):$/m.exec(r.stdout);
    assert.ok(total !== null && Number(total[1]) > 0, r.stdout);
    assert.equal(row(r.stderr, 'report')[2], Number(total[1]));
    assert.equal(row(r.stderr, 'count')[1], Number(total[1]));
    assert.equal(row(r.stderr, 'split')[1], Number(total[1]));
  });

  it('gale run - the reliable word count replays what its flaky bolt fails, and every finished sentence is acked', async () => {
    const r = await gale(['run', 'examples/reliable-word-count.ts', '--duration', '1500ms', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    const m = /^sentences: (\d+) acked, (\d+) failures replayed, (\d+) in flight, 0 dead-lettered$/m.exec(
      r.stdout,
    );
    assert.ok(m !== null, r.stdout);
    const [acked, failures] = [Number(m[1]), Number(m[2])];
    assert.ok(acked > 0 && failures > 0, r.stdout);
    // tasks, emitted, executed, acked, failed, errors: each emit is acked or failed.
    const [, emitted, , spoutAcked, spoutFailed] = row(r.stderr, 'sentences');
    assert.equal(spoutAcked, acked);
    assert.equal(spoutFailed, failures);
    assert.ok(emitted! >= acked + failures - Number(m[3]));
    assert.match(r.stderr, /^sentences .* [\d.]+\/[\d.]+ ms$/m, 'complete latency shown');
  });

  it('gale run - runs the exclamation topology', async () => {
    const r = await gale(['run', 'examples/exclamation.ts', '--duration', '1s', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    const total = Number(/^exclaimed (\d+) words:$/m.exec(r.stdout)?.[1]);
    assert.ok(total > 0, r.stdout);
    const results = [...r.stdout.matchAll(/^ {2}(\S+) +x(\d+)$/gm)].map((m) => [m[1], Number(m[2])] as const);
    // Every word went through both exclamation bolts, and the counts add up to the total.
    assert.deepEqual(
      results.map(([word]) => word),
      ['bertels!!!!!!', 'golda!!!!!!', 'jackson!!!!!!', 'mike!!!!!!', 'nathan!!!!!!'],
    );
    assert.equal(
      results.reduce((sum, [, n]) => sum + n, 0),
      total,
    );
    assert.equal(row(r.stderr, 'exclaim1')[0], 3);
    assert.equal(row(r.stderr, 'print')[2], total);
  });

  it('gale run - accepts a module in a temp dir that exports a function returning a topology', async () => {
    const file = tempModule(`
      import { BaseSpout, TopologyBuilder } from ${API_URL};
      class Ones extends BaseSpout { nextTuple() { this.collector.emit([1]); } declareOutputFields(d) { d.declare(['n']); } }
      export default () => { const b = new TopologyBuilder(); b.setSpout('ones', () => new Ones(), 2); return b.createTopology(); };
    `);
    const r = await gale(['run', file, '--duration', '300ms', '--no-progress', '--name', 'fn-topo']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^running 'fn-topo' for 300ms$/m);
    const [tasks, emitted] = row(r.stderr, 'ones');
    assert.equal(tasks, 2);
    assert.ok(emitted! > 0);
  });

  it('gale run - a TypeScript module shares the CLI api: FailedTupleError fails quietly, other errors are reported', async () => {
    const r = await gale(['run', `${FIXTURES}/failing-bolts.ts`, '--duration', '800ms', '--no-progress']);
    assert.equal(r.code, 0, r.stderr);
    // tasks, emitted, executed, acked, failed, errors
    assert.deepEqual(row(r.stderr, 'strict'), [1, 0, 20, 0, 20, 0]);
    assert.deepEqual(row(r.stderr, 'buggy'), [1, 0, 20, 0, 20, 20]);
    assert.match(r.stderr, /^last errors:$/m);
    assert.match(r.stderr, /^ {2}\S+ buggy\[task \d+\] cannot handle 19 \(tuple .*\)$/m);
    assert.doesNotMatch(r.stderr, /strict\[task/);
  });

  it('gale run - a module exporting no topology is one line and exit 2', async () => {
    const r = await gale(['run', tempModule('export default { name: "not a topology" };\n')]);
    assertOneLine(r, /the default export must be a topology/);
  });

  it('gale run - a module that throws on import is one line, without a stack, and exit 2', async () => {
    const r = await gale(['run', tempModule('throw new Error("no config\\nfound");\n', 'throws.ts')]);
    assertOneLine(r, /throws\.ts: failed to load: no config found$/m);
  });

  it('gale run - a missing file, a bad flag value and an unknown flag are one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['run', 'nope.ts'], /nope\.ts: no such file/],
      [['run', 'examples/word-count.ts', '--duration', 'soon'], /--duration: expected a duration/],
      [['run', 'examples/word-count.ts', '--log-level', 'loud'], /--log-level: expected one of/],
      [['run', '--bogus', 'x.ts'], /unknown option '--bogus'/],
      [['run', 'examples/word-count.ts', '--workers', '0'], /--workers: expected a whole number/],
      [
        ['run', 'examples/word-count.ts', '--name', 'no spaces'],
        /--name: "no spaces" is not a valid topology name/,
      ],
      [['run'], /missing required argument 'module'/],
    ];
    for (const [args, expected] of cases) assertOneLine(await gale(args), expected);
  });

  it('gale run - an invalid topology lists every problem and exits 2', async () => {
    const r = await gale(['run', `${FIXTURES}/invalid-topology.ts`]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^gale: invalid topology \(3 problems\):$/m);
    assert.match(r.stderr, /^ {2}numbers: parallelism must be .*got 0$/m);
    assert.match(r.stderr, /^ {2}sink <- numbers\.default: fields grouping on undeclared field 'missing'/m);
    assert.match(r.stderr, /^ {2}sink <- ghost\.default: unknown component 'ghost'$/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('gale run - a bad --config key names its key path and exits 2', async () => {
    const cfg = tempModule(JSON.stringify({ receiveQueueCapacity: -1, nope: true }), 'config.json');
    const r = await gale(['run', 'examples/word-count.ts', '--config', cfg]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^gale: invalid --config .*config\.json \(2 problems\):$/m);
    assert.match(r.stderr, /^ {2}topology\.receiveQueueCapacity: .*got -1$/m);
    assert.match(r.stderr, /^ {2}topology\.nope: unknown key$/m);
  });

  it('gale run - a component that fails to start is a clear message and exit 1', async () => {
    const r = await gale(['run', `${FIXTURES}/failing-start.ts`]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^gale: 'broker' \(task \d+\) failed to start: cannot reach the message broker$/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('gale run - SIGINT stops gracefully: the report and the summary are printed, exit 0', async () => {
    let signalled = false;
    const r = await gale(
      ['run', 'examples/word-count.ts', '--duration', '0', '--no-progress'],
      (stderr, child) => {
        // The signal handlers are in place once the run is announced.
        if (!signalled && stderr.includes('until Ctrl-C')) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    );
    assert.ok(signalled, r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^stopping \(Ctrl-C; press it again to exit at once\)\.\.\.$/m);
    assert.match(r.stdout, /^top words \(of \d+ counted\):$/m);
    assert.equal(row(r.stderr, 'count')[0], 2);
  });
});

describe('gale', () => {
  it('gale - --version prints the package version', async () => {
    const pkg: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.ok(typeof pkg === 'object' && pkg !== null && 'version' in pkg);
    const r = await gale(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${String(pkg.version)}\n`);
  });

  it('gale - --help and run --help describe the command and its flags', async () => {
    const top = await gale(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^ {2}run \[options\] <module>/m);
    const run = await gale(['run', '--help']);
    assert.equal(run.code, 0);
    for (const flag of ['--duration', '--config', '--name', '--no-progress', '--log-level']) {
      assert.match(run.stdout, new RegExp(`^ {2}.*${flag}`, 'm'), flag);
    }
  });
});
