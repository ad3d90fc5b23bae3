/**
 * killTopology stops a multi-worker topology gracefully: spouts everywhere are deactivated, every
 * tuple queued in any worker or in flight between workers is executed (including what the drain
 * itself emits across workers), and only then do spouts close and bolts clean up. A drain timeout
 * bounds the whole stop, and what it cuts off is counted as dropped.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type Topology } from '../../src/api/index.js';
import { LocalCluster, type KillReport } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

interface Probe {
  readonly events: string[];
  emitted: number;
  relayed: number;
  sunk: number;
  /** Sink deliveries whose producer ran in another worker. */
  sunkCrossWorker: number;
  /** Set by the spout when it should kill the topology right after its burst. */
  killFromSpout: (() => void) | null;
}

const newProbe = (): Probe => ({
  events: [],
  emitted: 0,
  relayed: 0,
  sunk: 0,
  sunkCrossWorker: 0,
  killFromSpout: null,
});

/**
 * `a-src` emits `burst` tuples in its first call; `b-mid` relays each after `midMs`, `c-mid` relays
 * them again, `d-sink` counts. One executor each over 2 workers: worker 1 runs a and c, worker 2
 * runs b and d, so every tuple crosses workers three times, back and forth.
 */
function chain(probe: Probe, burst: number, midMs: number): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout(
    'a-src',
    () =>
      new FnSpout({
        deactivate: () => probe.events.push(`deactivate@${probe.sunk}`),
        close: () => probe.events.push(`close@${probe.sunk}`),
        nextTuple(c) {
          if (probe.emitted > 0) return;
          for (let i = 0; i < burst; i++) c.emit('default', [probe.emitted++]);
          probe.killFromSpout?.();
        },
      }),
    1,
  );
  builder
    .setBolt(
      'b-mid',
      () =>
        new FnBolt({
          outputs: { default: ['n'] },
          execute(t, c) {
            if (midMs > 0) busyWait(midMs);
            probe.relayed++;
            c.emit('default', [t.getValue(0)]);
          },
          cleanup: () => probe.events.push(`cleanup b-mid@${probe.sunk}`),
        }),
      1,
    )
    .shuffleGrouping('a-src');
  builder
    .setBolt(
      'c-mid',
      () =>
        new FnBolt({
          outputs: { default: ['n'] },
          execute(t, c) {
            c.emit('default', [t.getValue(0)]);
          },
          cleanup: () => probe.events.push(`cleanup c-mid@${probe.sunk}`),
        }),
      1,
    )
    .shuffleGrouping('b-mid');
  builder
    .setBolt(
      'd-sink',
      () =>
        new FnBolt({
          execute(t, _c, ctx) {
            probe.sunk++;
            if (!ctx.thisWorkerTasks.includes(t.sourceTask)) probe.sunkCrossWorker++;
          },
          cleanup: () => probe.events.push(`cleanup d-sink@${probe.sunk}`),
        }),
      1,
    )
    .shuffleGrouping('c-mid');
  return builder.createTopology({ workers: 2, transferBatchSize: 16, stepBudget: 32 });
}

function assertOrderlyStop(probe: Probe, n: number, report: KillReport): void {
  assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
  assert.equal(probe.relayed, n, 'the middle bolt executed every tuple');
  assert.equal(probe.sunk, n, 'the sink executed every relayed tuple');
  assert.equal(probe.sunkCrossWorker, n, 'every relayed tuple crossed workers');
  const ev = probe.events;
  assert.equal(ev.filter((e) => e.startsWith('deactivate@')).length, 1);
  assert.deepEqual(
    ev.filter((e) => !e.startsWith('deactivate@')).sort(),
    [`cleanup b-mid@${n}`, `cleanup c-mid@${n}`, `cleanup d-sink@${n}`, `close@${n}`],
    'the spout closed and every bolt task cleaned up once, all after the drain',
  );
  const sinkCounts = report.components.find((c) => c.component === 'd-sink');
  assert.equal(sinkCounts?.executed, n);
}

describe('multi-worker - graceful stop', () => {
  it('multi-worker - a backlog in one worker and what it relays to the other are all executed before cleanup', async () => {
    const N = 2000;
    const probe = newProbe();
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('g', chain(probe, N, 0.1));
    await waitFor(() => probe.emitted === N, { message: 'the burst was emitted' });
    const queued = cluster.getTopology('g').queued;
    assert.ok(queued > N / 2, `a large backlog is queued when the kill starts (${queued})`);
    assert.ok(probe.sunk < N / 2, `little was executed by then (${probe.sunk})`);

    const report = await cluster.killTopology('g');

    assertOrderlyStop(probe, N, report);
    assert.ok(Number(probe.events[0]!.split('@')[1]) < N, 'the spout was deactivated before the drain');
    assert.deepEqual(cluster.topologyNames(), []);
  });

  it('multi-worker - tuples still in an outbound batch or a peer inbox when the kill starts are executed too', async () => {
    const N = 1000;
    const probe = newProbe();
    await using cluster = new LocalCluster({ logger: silentLogger });
    let kill: Promise<KillReport> | null = null;
    let relayedAtKill = -1;
    // Killed synchronously inside nextTuple, right after the burst: the last partial batch is
    // still in the spout's outbound batcher and earlier batches wait in worker 2's inbox.
    probe.killFromSpout = () => {
      relayedAtKill = probe.relayed;
      kill ??= cluster.killTopology('g');
    };
    await cluster.submitTopology('g', chain(probe, N, 0));
    await waitFor(() => kill !== null, { message: 'the spout started the kill' });
    assert.equal(relayedAtKill, 0, 'nothing had been executed when the kill started');

    const report = await kill!;

    assertOrderlyStop(probe, N, report);
  });

  it('multi-worker - a drain timeout bounds the stop; what is cut off is counted as dropped', async () => {
    const N = 3000;
    const probe = newProbe();
    await using cluster = new LocalCluster({ logger: silentLogger });
    // About 1.5 s of work in b-mid: far longer than the drain timeout.
    await cluster.submitTopology('g', chain(probe, N, 0.5));
    await waitFor(() => probe.emitted === N, { message: 'the burst was emitted' });

    const started = performance.now();
    const report = await cluster.killTopology('g', { drainTimeoutMs: 50 });
    const tookMs = performance.now() - started;

    assert.ok(tookMs < 600, `the stop took ${tookMs.toFixed(0)} ms for a 50 ms drain timeout`);
    assert.equal(report.drained, false);
    assert.ok(report.dropped > 0, `dropped ${report.dropped}`);
    // Each tuple is sunk, or dropped in some queue, or dropped on its way between workers.
    assert.equal(probe.sunk + report.dropped, N, `sunk ${probe.sunk} + dropped ${report.dropped}`);
    assert.equal(probe.events.filter((e) => e.startsWith('close@')).length, 1);
    assert.equal(probe.events.filter((e) => e.startsWith('cleanup')).length, 3);
  });
});
