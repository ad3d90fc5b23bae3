/**
 * `gale logs` against a real cluster: the word count on two supervisors (one slot each), its
 * workers' lines read from both machines' log servers, filtered by component and task, followed
 * while a new line is written; and what it says about an unknown topology or a log server that
 * does not answer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freePortRun } from '../helpers/free-port-run.js';
import { jsonLines } from '../helpers/json-lines.js';
import { GaleCluster } from '../helpers/gale-cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { ackedSentences } from '../helpers/word-count-traces.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** `gale logs` prints JSON lines when stdout is not a terminal. */
const objects = jsonLines;

describe('gale logs', () => {
  const cluster = new GaleCluster(1);
  let countTasks: number[] = [];
  let ports: number[] = [];

  before(async () => {
    await cluster.start();
    const out = join(cluster.dir, 'out');
    mkdirSync(out);
    ports = [await freePortRun(1), await freePortRun(1)];
    cluster.nimbus('n1');
    cluster.supervisor('s1', 1, ports[0]!);
    cluster.supervisor('s2', 1, ports[1]!, ['--worker-log-level', 'debug']);
    await cluster.untilSupervisors(2);
    // Paced, so it keeps running for the whole file.
    const submitted = await cluster.submitWordCount('wc', out, { sentences: 100_000, workers: 2, paceMs: 5 });
    assert.equal(submitted.code, 0, submitted.stderr);
    await waitFor(() => ackedSentences(out).size >= 20, {
      timeoutMs: 30_000,
      intervalMs: 50,
      message: `the word count runs (logs:\n${cluster.logs()})`,
    });
    const record = await cluster.store.getTopology('wc');
    countTasks = record!.value.executors.filter((e) => e.component === 'count').flatMap((e) => e.taskIds);
  });
  after(async () => {
    await cluster.stop();
  });

  it("gale logs - prints the lines of the topology's workers on every machine, each with topology, worker and host", async () => {
    const r = await cluster.cli(['logs', 'wc', '--lines', '1000']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = objects(r.stdout);
    for (const l of lines) {
      assert.equal(l['topology'], 'wc', JSON.stringify(l));
      assert.equal(l['host'], '127.0.0.1', JSON.stringify(l));
      assert.match(String(l['worker']), /^s[12]:\d+$/, JSON.stringify(l));
      if (l['component'] !== undefined) assert.equal(typeof l['task'], 'number', JSON.stringify(l));
    }
    const started = lines.filter((l) => l['msg'] === 'worker started').map((l) => l['worker']);
    assert.deepEqual(started.sort(), [`s1:${ports[0]}`, `s2:${ports[1]}`], 'both machines');
    const times = lines.map((l) => Number(l['time']));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'merged by time',
    );
    // The user's own lines, through context.log.
    const ready = lines.filter((l) => l['msg'] === 'count ready');
    assert.deepEqual(ready.map((l) => l['task']).sort(), [...countTasks].sort());
    assert.ok(ready.every((l) => l['component'] === 'count'));
    // Debug lines only from the workers of s2, started with --worker-log-level debug.
    const debug = lines.filter((l) => l['msg'] === 'count prepared');
    const onS2 = ready.filter((l) => String(l['worker']).startsWith('s2:')).map((l) => l['task']);
    assert.ok(onS2.length > 0, 'count tasks on s2');
    assert.deepEqual(debug.map((l) => l['task']).sort(), onS2.sort());
  });

  it('gale logs - --component and --task keep only that component or task; --lines the last ones', async () => {
    const byComponent = await cluster.cli(['logs', 'wc', '--component', 'count']);
    assert.equal(byComponent.code, 0, byComponent.stderr);
    const lines = objects(byComponent.stdout);
    assert.ok(lines.length >= countTasks.length, byComponent.stdout);
    for (const l of lines) {
      assert.equal(l['component'], 'count');
      assert.ok(countTasks.includes(Number(l['task'])), JSON.stringify(l));
      assert.equal(l['topology'], 'wc');
      assert.ok(typeof l['worker'] === 'string' && l['host'] === '127.0.0.1');
    }
    const task = countTasks[1]!;
    const byTask = await cluster.cli(['logs', 'wc', '--component', 'count', '--task', String(task)]);
    assert.equal(byTask.code, 0, byTask.stderr);
    const taskLines = objects(byTask.stdout);
    // Its debug line too when it runs on s2 (started with --worker-log-level debug).
    const onS2 = taskLines.some((l) => String(l['worker']).startsWith('s2:'));
    assert.deepEqual(
      taskLines.map((l) => [l['task'], l['msg']]),
      onS2
        ? [
            [task, 'count ready'],
            [task, 'count prepared'],
          ]
        : [[task, 'count ready']],
    );
    const last = await cluster.cli(['logs', 'wc', '--lines', '1']);
    assert.equal(objects(last.stdout).length, 1);
  });

  it('gale logs - --follow prints new lines as workers write them, until Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'logs',
        'wc',
        '--follow',
        '--lines',
        '5',
        '--etcd',
        cluster.etcd.endpoints.join(','),
        '--prefix',
        cluster.prefix,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // The history is printed once every log server has answered: from then on it follows.
      await waitFor(() => stdout.split('\n').length - 1 === 5, {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: `the history printed (stdout: ${stdout}; stderr: ${stderr})`,
      });
      assert.ok(!stdout.includes('sentences paused'));
      const deactivated = await cluster.cli(['deactivate', 'wc']);
      assert.equal(deactivated.code, 0, deactivated.stderr);
      await waitFor(() => stdout.includes('sentences paused'), {
        timeoutMs: 15_000,
        intervalMs: 20,
        message: `a paused line followed (stdout: ${stdout}; stderr: ${stderr})`,
      });
      const paused = objects(stdout).filter((l) => l['msg'] === 'sentences paused');
      assert.ok(paused.length >= 1);
      for (const l of paused) {
        assert.equal(l['component'], 'sentences');
        assert.equal(typeof l['task'], 'number');
        assert.match(String(l['worker']), /^s[12]:\d+$/);
      }
      // A machine that joins while following: wc gets a third worker there, whose lines follow.
      cluster.supervisor('s4', 1, await freePortRun(1));
      await cluster.untilSupervisors(3);
      const rebalanced = await cluster.cli(['rebalance', 'wc', '--workers', '3']);
      assert.equal(rebalanced.code, 0, rebalanced.stderr);
      await waitFor(() => objects(stdout).some((l) => String(l['worker']).startsWith('s4:')), {
        timeoutMs: 30_000,
        intervalMs: 50,
        message: `a line of the joining machine s4 followed (stdout: ${stdout.slice(-2000)}; stderr: ${stderr})`,
      });
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      assert.equal(stderr, '');
    } finally {
      child.kill('SIGKILL');
      await cluster.cli(['activate', 'wc']);
    }
  });

  it('gale logs - an unknown topology or component is one line; a log server that does not answer is a warning', async () => {
    const unknown = await cluster.cli(['logs', 'nope']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, "gale: no topology named 'nope'\n");
    const component = await cluster.cli(['logs', 'wc', '--component', 'nope']);
    assert.equal(component.code, 2);
    assert.match(component.stderr, /^gale: --component nope: no such component in wc \(.*count.*\)\n$/);
    const lines = await cluster.cli(['logs', 'wc', '--lines', 'lots']);
    assert.equal(lines.code, 2);
    assert.match(lines.stderr, /^gale: --lines lots: expected a whole number/);

    // A third machine registered with a log server that is gone.
    const dead = await freePortRun(1);
    const lease = await cluster.store.coordination.grantLease(30);
    try {
      await cluster.store.putSupervisor(
        {
          id: 's3',
          host: '127.0.0.1',
          slots: [dead],
          startedAt: Date.now(),
          logUrl: `http://127.0.0.1:${dead}`,
        },
        lease,
      );
      const r = await cluster.cli(['logs', 'wc', '--component', 'count']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`^gale: warning: supervisor s3: log server http://127.0.0.1:${dead}: .*\\n$`),
      );
      assert.ok(
        objects(r.stdout).some((l) => l['msg'] === 'count ready'),
        'the other machines still',
      );
    } finally {
      await lease.close();
    }
  });
});
