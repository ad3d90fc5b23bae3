/**
 * Shell components that misbehave (test/multilang/resources): each case is reported as the
 * component's error with its task and what the subprocess did, its pending tuples are failed (the
 * spout here replays them), the subprocess is restarted, the worker keeps running, and no
 * subprocess is left once the topology is killed. Also: stderr in the worker's log, a
 * pipelined round trip of awkward values, tick tuples and direct emits to shell bolts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  ShellBolt,
  ShellSpout,
  TopologyBuilder,
  type ShellOptions,
  type TopologyConfigInput,
  type Tuple,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { runtimeTopology, TaskPlan, type ErrorRecord } from '../../src/runtime/index.js';
import { CapturingLogger } from '../helpers/capturing-logger.js';
import { processesRunning } from '../helpers/processes.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const RESOURCES = fileURLToPath(new URL('../../../test/multilang/resources/', import.meta.url));
const ENV = { PYTHONDONTWRITEBYTECODE: '1' };
/** `scripts/ensure-infra.mjs` installs Ruby where it can; the Ruby cases skip where it is missing. */
const HAS_RUBY = spawnSync('ruby', ['--version']).status === 0;

/** A spout emitting `[v<i>]` with message id i, replaying failed ids; counts acks and fails. */
function replayingSpout(count: number, state: { acked: Set<number>; failed: number }) {
  const queue = Array.from({ length: count }, (_, i) => i);
  return new FnSpout({
    outputs: { default: ['value'] },
    nextTuple(c) {
      const id = queue.shift();
      if (id !== undefined) c.emit([`v${id}`], id);
    },
    ack: (id) => void state.acked.add(id as number),
    fail(id) {
      state.failed++;
      queue.push(id as number);
    },
  });
}

interface Run {
  readonly acked: Set<number>;
  readonly state: { acked: Set<number>; failed: number };
  readonly received: unknown[][];
  errors(): ErrorRecord[];
}

describe('multilang failures', () => {
  const logger = new CapturingLogger();
  const cluster = new LocalCluster({ logger });
  let n = 0;
  after(() => cluster.close());

  /** The spout, then ShellBolt(script) (a Python script, or a whole command), then a sink; `count` tuples. */
  async function run(
    script: string | readonly string[],
    count: number,
    config: TopologyConfigInput = {},
    options: ShellOptions = { outputFields: ['value'] },
  ): Promise<Run & { name: string }> {
    const name = `ml-${n++}`;
    const state = { acked: new Set<number>(), failed: 0 };
    const received: unknown[][] = [];
    const b = new TopologyBuilder();
    b.setSpout('spout', () => replayingSpout(count, state));
    b.setBolt(
      'shell',
      () =>
        new ShellBolt(typeof script === 'string' ? ['python3', script] : script, {
          cwd: RESOURCES,
          env: ENV,
          ...options,
        }),
    ).shuffleGrouping('spout');
    b.setBolt(
      'sink',
      () => new FnBolt({ execute: (t: Tuple) => void received.push([...t.values]) }),
    ).shuffleGrouping('shell');
    await cluster.submitTopology(name, b.createTopology(), { messageTimeoutSecs: 10, ...config });
    return { name, acked: state.acked, state, received, errors: () => cluster.getErrors(name, 'shell') };
  }

  async function untilError(r: Run, pattern: RegExp): Promise<ErrorRecord> {
    await waitFor(() => r.errors().some((e) => pattern.test(e.message)), {
      timeoutMs: 20_000,
      intervalMs: 20,
      message: `an error like ${pattern}; got ${JSON.stringify(r.errors().map((e) => e.message))}`,
    });
    return r.errors().find((e) => pattern.test(e.message))!;
  }

  it('multilang failures - a bolt subprocess that exits: reported with its exit code, pending failed and replayed, restarted', async () => {
    const r = await run('exits_after_n.py', 8, { user: { 'gale.test.exit_after': 5 } });
    const err = await untilError(
      r,
      /shell task \d+ \(python3 exits_after_n.py, pid \d+\): exited \(code 3\)/,
    );
    assert.equal(err.component, 'shell');
    assert.equal(err.code, 'SUBPROCESS_FAILED');
    assert.match(
      err.message,
      /its last stderr: exits_after_n: processed 5 tuple\(s\), exiting with status 3/,
    );
    // The restarted subprocess takes the replays: every tuple is acked in the end.
    await waitFor(() => r.acked.size === 8, { timeoutMs: 20_000, message: 'all 8 acked after the restart' });
    assert.ok(r.state.failed > 0, 'the pending tuples were failed');
    assert.ok(cluster.topologyNames().includes(r.name), 'the worker kept running');
    await cluster.killTopology(r.name);
  });

  it('multilang failures - a bolt that stops answering heartbeats is timed out and restarted', async () => {
    const r = await run('hangs.py', 3, { subprocessTimeoutSecs: 2 });
    await untilError(
      r,
      /hangs.py, pid \d+\): no message for \d+ s, heartbeats unanswered \(subprocessTimeoutSecs 2\)/,
    );
    await waitFor(() => r.state.failed > 0, { message: 'its pending tuple failed' });
    await cluster.killTopology(r.name, { drainTimeoutMs: 1000 });
  });

  for (const [script, user, pattern] of [
    [
      'bad_json.py',
      {},
      /bad_json.py, pid \d+\): wrote not JSON: "\{\\"command\\": \\"emit\\", \\"tuple\\": \[1,"/,
    ],
    ['stdout_before_pid.py', {}, /stdout_before_pid.py, pid \d+\): wrote not JSON: .*before its pid/],
    ['acks_unknown_id.py', {}, /acked "[^"]*", an id it was never sent or that is already acked or failed/],
    [
      'acks_unknown_id.py',
      { 'gale.test.ack_kind': 'heartbeat' },
      /acked "[^"]*hb\d+", an id it was never sent/,
    ],
    ['anchors_finished.py', {}, /anchored onto "[^"]+", which was never sent or is already acked or failed/],
  ] as const) {
    it(`multilang failures - ${script} ${JSON.stringify(user)}: reported with what it did; the worker runs on`, async () => {
      const r = await run(script, 2, { user });
      const err = await untilError(r, pattern);
      assert.equal(err.code, 'SUBPROCESS_FAILED');
      assert.ok(cluster.topologyNames().includes(r.name));
      await cluster.killTopology(r.name, { drainTimeoutMs: 1000 });
    });
  }

  for (const [kind, pattern] of [
    [
      'exit',
      /misbehaves.rb, pid \d+\): exited \(code 3\).*its last stderr: misbehaves.rb: acked tuple \S+, exiting/s,
    ],
    ['hang', /misbehaves.rb, pid \d+\): no message for \d+ s, heartbeats unanswered/],
    [
      'bad_json',
      /misbehaves.rb, pid \d+\): wrote not JSON: "\{\\"command\\": \\"emit\\", \\"tuple\\": \[1,"/,
    ],
    ['stdout_before_pid', /misbehaves.rb, pid \d+\): wrote not JSON: .*before its pid/],
    ['ack_unknown', /acked "gale-test-never-sent", an id it was never sent/],
    ['anchor_finished', /anchored onto "[^"]+", which was never sent or is already acked or failed/],
  ] as const) {
    it(
      `multilang failures - Ruby: a bolt that misbehaves (${kind}) is reported, its input replayed, and it is restarted`,
      { skip: HAS_RUBY ? false : 'ruby is not installed' },
      async () => {
        const r = await run(['ruby', 'misbehaves.rb'], 3, {
          subprocessTimeoutSecs: 2,
          user: { 'gale.test.misbehave': kind },
        });
        const err = await untilError(r, pattern);
        assert.equal(err.code, 'SUBPROCESS_FAILED');
        assert.equal(err.component, 'shell');
        // Reported once, restarted, reported again: the worker runs on.
        await waitFor(() => r.errors().filter((e) => pattern.test(e.message)).length >= 2, {
          timeoutMs: 20_000,
          message: `a second ${kind} report after the restart`,
        });
        // The tuple it held when it misbehaved was failed, so the spout replays it.
        if (kind === 'hang' || kind === 'bad_json' || kind === 'ack_unknown')
          assert.ok(r.state.failed > 0, 'the tuple it held was failed');
        assert.ok(cluster.topologyNames().includes(r.name));
        await cluster.killTopology(r.name, { drainTimeoutMs: 500 });
        await waitFor(() => processesRunning('misbehaves.rb').length === 0, {
          timeoutMs: 5000,
          message: 'no misbehaves.rb left running',
        });
      },
    );
  }

  it('multilang failures - a shell spout that sends a command a spout may not send is reported and restarted', async () => {
    const name = `ml-${n++}`;
    const b = new TopologyBuilder();
    b.setSpout(
      'shellspout',
      () =>
        new ShellSpout(['python3', 'spout_sends_ack.py'], {
          cwd: RESOURCES,
          env: ENV,
          outputFields: ['value'],
        }),
    );
    b.setBolt('sink', () => new FnBolt({ execute() {} })).shuffleGrouping('shellspout');
    await cluster.submitTopology(name, b.createTopology());
    await waitFor(() => cluster.getErrors(name, 'shellspout').length >= 2, {
      timeoutMs: 20_000,
      message: 'reported, restarted, reported again',
    });
    assert.match(cluster.getErrors(name, 'shellspout')[0]!.message, /sent "ack", which a spout may not send/);
    await cluster.killTopology(name, { drainTimeoutMs: 1000 });
  });

  it('multilang failures - a subprocess that never answers the handshake is timed out', async () => {
    const name = `ml-${n++}`;
    const b = new TopologyBuilder();
    b.setSpout('spout', () => replayingSpout(1, { acked: new Set(), failed: 0 }));
    b.setBolt(
      'mute',
      () => new ShellBolt(['python3', '-c', 'import time; time.sleep(60)'], { cwd: RESOURCES, env: ENV }),
    ).shuffleGrouping('spout');
    await cluster.submitTopology(name, b.createTopology(), { subprocessTimeoutSecs: 1 });
    await waitFor(
      () => cluster.getErrors(name, 'mute').some((e) => /no pid within 1000 ms/.test(e.message)),
      {
        timeoutMs: 10_000,
        message: 'the handshake timed out',
      },
    );
    await cluster.killTopology(name, { drainTimeoutMs: 500 });
  });

  it('multilang failures - shell metrics: a declared counter is updated, an undeclared one is an error', async () => {
    const script = [
      'import gale_storm as storm',
      'class B(storm.Bolt):',
      '    def process(self, t):',
      "        storm.rpc_metrics('my-metric', 2)",
      "        storm.rpc_metrics('other', 1)",
      '        storm.ack(t)',
      'B().run()',
    ].join('\n');
    const name = `ml-${n++}`;
    const b = new TopologyBuilder();
    b.setSpout('spout', () => replayingSpout(1, { acked: new Set(), failed: 0 }));
    b.setBolt(
      'metered',
      () => new ShellBolt(['python3', '-c', script], { cwd: RESOURCES, env: ENV, metrics: ['my-metric'] }),
    ).shuffleGrouping('spout');
    await cluster.submitTopology(name, b.createTopology());
    await waitFor(() => cluster.getErrors(name, 'metered').length > 0, {
      timeoutMs: 10_000,
      message: 'the undeclared metric reported',
    });
    assert.match(
      cluster.getErrors(name, 'metered')[0]!.message,
      /updated metric "other", which its ShellBolt\/ShellSpout options do not declare \(metrics: \["my-metric"\]\)/,
    );
    await cluster.killTopology(name, { drainTimeoutMs: 500 });
  });

  it('multilang failures - a shell spout that exits is reported and restarted', async () => {
    const name = `ml-${n++}`;
    const b = new TopologyBuilder();
    b.setSpout(
      'shellspout',
      () =>
        new ShellSpout(['python3', 'spout_exits.py'], { cwd: RESOURCES, env: ENV, outputFields: ['value'] }),
    );
    b.setBolt('sink', () => new FnBolt({ execute() {} })).shuffleGrouping('shellspout');
    await cluster.submitTopology(name, b.createTopology(), { user: { 'gale.test.exit_after': 2 } });
    await waitFor(() => cluster.getErrors(name, 'shellspout').length >= 2, {
      timeoutMs: 20_000,
      message: 'reported, restarted, reported again',
    });
    assert.match(
      cluster.getErrors(name, 'shellspout')[0]!.message,
      /spout_exits.py, pid \d+\): exited \(code 3\)/,
    );
    await cluster.killTopology(name, { drainTimeoutMs: 500 });
  });

  it('multilang failures - a shell spout that does not answer a command within the timeout is restarted', async () => {
    const script = [
      'import time',
      'import gale_storm as storm',
      'class S(storm.Spout):',
      '    def next_tuple(self):',
      '        time.sleep(60)',
      'S().run()',
    ].join('\n');
    const name = `ml-${n++}`;
    const b = new TopologyBuilder();
    b.setSpout(
      'stuck',
      () => new ShellSpout(['python3', '-c', script], { cwd: RESOURCES, env: ENV, outputFields: ['value'] }),
    );
    b.setBolt('sink', () => new FnBolt({ execute() {} })).shuffleGrouping('stuck');
    await cluster.submitTopology(name, b.createTopology(), { subprocessTimeoutSecs: 1 });
    await waitFor(
      () =>
        cluster
          .getErrors(name, 'stuck')
          .some((e) => /no answer to 'next' for \d+ s \(subprocessTimeoutSecs 1\)/.test(e.message)),
      {
        timeoutMs: 15_000,
        message: 'the unanswered next timed out',
      },
    );
    await cluster.killTopology(name, { drainTimeoutMs: 500 });
  });

  it('multilang failures - shellBoltMaxPending: a slow subprocess holds the rest of its input in its receive queue', async () => {
    const r = await run('slow_bolt.py', 40, { shellBoltMaxPending: 2, user: { 'gale.test.sleep_ms': 100 } });
    // Once the subprocess works (its first output), an unbounded shell bolt would have taken every
    // input from its queue; bounded, it takes two at a time.
    await waitFor(() => r.received.length >= 1, { timeoutMs: 10_000, message: 'a first tuple through' });
    const depth = cluster.getTopology(r.name).tasks.find((t) => t.component === 'shell')!.queueDepth;
    assert.ok(depth >= 20, `tuples waiting in the shell bolt's receive queue: ${depth}`);
    await cluster.killTopology(r.name, { drainTimeoutMs: 500 });
  });

  it('multilang failures - a graceful stop waits for the inputs a subprocess holds', async () => {
    const r = await run('slow_bolt.py', 6, { user: { 'gale.test.sleep_ms': 200 } });
    // All six are with the subprocess (none left in the queue) before the first is answered.
    await waitFor(
      () => cluster.getTopology(r.name).tasks.find((t) => t.component === 'shell')!.executed === 6,
      { timeoutMs: 10_000, message: 'six inputs taken by the shell bolt' },
    );
    assert.ok(r.received.length < 6, `answered before the stop: ${r.received.length}`);
    const report = await cluster.killTopology(r.name);
    assert.equal(r.received.length, 6, 'every held input answered before the subprocess was stopped');
    assert.equal(report.drained, true);
  });

  it('multilang failures - stderr goes to the log with the component and task; a subprocess ignoring SIGTERM is killed', async () => {
    const r = await run('chatty_stderr.py', 1, { user: { 'gale.test.stderr_lines': 50 } });
    await waitFor(() => r.acked.size === 1, { timeoutMs: 10_000, message: 'the tuple acked' });
    const lines = logger.withMessage('subprocess stderr').filter((e) => e.fields['component'] === 'shell');
    assert.ok(lines.length >= 50, `stderr lines logged: ${lines.length}`);
    assert.equal(typeof lines[0]!.fields['task'], 'number');
    assert.equal(typeof lines[0]!.fields['stderr'], 'string');
    await cluster.killTopology(r.name);

    const s = await run('ignores_sigterm.py', 1);
    await waitFor(() => processesRunning('ignores_sigterm.py').length === 1, { message: 'it runs' });
    await cluster.killTopology(s.name);
    await waitFor(() => processesRunning('ignores_sigterm.py').length === 0, {
      timeoutMs: 5000,
      message: 'SIGKILLed after the grace period',
    });
  });

  it('multilang failures - pipelined: non-ASCII, JSON specials and a newline before end come back exact', async () => {
    const values = [
      'héllo wörld 人 עברית',
      'quo"te \\ back {"a": [1]}',
      'x\nend\ny',
      '',
      '\u2028\u2029',
      '😀',
    ];
    const name = `ml-${n++}`;
    const received: string[] = [];
    const b = new TopologyBuilder();
    b.setSpout('spout', () => {
      let i = 0;
      return new FnSpout({
        outputs: { default: ['value'] },
        nextTuple(c) {
          // Several in flight at once: the bolt's input is pipelined.
          while (i < values.length) c.emit([values[i]!], i++);
        },
      });
    });
    b.setBolt(
      'echo',
      () => new ShellBolt(['python3', 'echo_bolt.py'], { cwd: RESOURCES, env: ENV, outputFields: ['value'] }),
    ).shuffleGrouping('spout');
    b.setBolt(
      'sink',
      () => new FnBolt({ execute: (t: Tuple) => void received.push(t.getValue(0) as string) }),
    ).shuffleGrouping('echo');
    await cluster.submitTopology(name, b.createTopology());
    await waitFor(() => received.length === values.length, {
      timeoutMs: 10_000,
      message: 'every value echoed',
    });
    assert.deepEqual([...received].sort(), [...values].sort());
    await cluster.killTopology(name);
  });

  it('multilang failures - tick tuples reach a shell bolt; direct emits go to the named task', async () => {
    const name = `ml-${n++}`;
    const ticks: unknown[] = [];
    const direct: unknown[][] = [];
    const b = new TopologyBuilder();
    b.setSpout('spout', () => replayingSpout(3, { acked: new Set(), failed: 0 }));
    b.setBolt(
      'echo',
      () =>
        new ShellBolt(['python3', 'echo_bolt.py'], {
          cwd: RESOURCES,
          env: ENV,
          outputFields: ['value'],
          streams: { ticks: ['value'] },
        }),
    )
      .shuffleGrouping('spout')
      .addConfiguration({ tickTupleFreqSecs: 1 });
    b.setBolt(
      'ticks',
      () => new FnBolt({ execute: (t: Tuple) => void ticks.push(t.getValue(0)) }),
    ).shuffleGrouping('echo', 'ticks');
    b.setBolt(
      'direct',
      () =>
        new ShellBolt(['python3', 'direct_bolt.py'], {
          cwd: RESOURCES,
          env: ENV,
          streams: { out: { fields: ['value'], direct: true } },
        }),
    ).shuffleGrouping('spout');
    const directTasks = new Set<number>();
    b.setBolt(
      'target',
      () =>
        new FnBolt({
          execute: (t: Tuple, _c, context) => {
            direct.push([...t.values]);
            directTasks.add(context.thisTaskId);
          },
        }),
      2,
    ).directGrouping('direct', 'out');
    const topology = b.createTopology();
    const target = new TaskPlan(runtimeTopology(topology)).tasksOf('target')[1]!;
    await cluster.submitTopology(name, topology, {
      user: { 'gale.test.direct_stream': 'out', 'gale.test.direct_task': target },
    });
    await waitFor(() => ticks.length >= 1, { timeoutMs: 10_000, message: 'a tick echoed on stream ticks' });
    assert.equal(ticks[0], 'tick');
    await waitFor(() => direct.length === 3, { timeoutMs: 10_000, message: 'three direct emits received' });
    assert.deepEqual(directTasks, new Set([target]), 'all at the task the subprocess named');
    await cluster.killTopology(name);
  });
});
