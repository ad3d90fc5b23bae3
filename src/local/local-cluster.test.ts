import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type Topology } from '../api/index.js';
import { silentLogger } from '../runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../../test/helpers/fixtures.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { LocalCluster } from './local-cluster.js';

interface Probe {
  emitted: number;
  executed: number;
  closes: number;
  cleanups: number;
}

/** A spout that emits `n` tuples in one burst into a bolt that takes `ms` each. */
function probeTopology(probe: Probe, n: number, ms = 0, cleanupThrows = false): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout(
    's',
    () =>
      new FnSpout({
        nextTuple(c) {
          for (; probe.emitted < n; probe.emitted++) c.emit('default', [probe.emitted]);
        },
        close: () => probe.closes++,
      }),
    1,
  );
  builder
    .setBolt(
      'b',
      () =>
        new FnBolt({
          execute() {
            if (ms > 0) busyWait(ms);
            probe.executed++;
          },
          cleanup() {
            probe.cleanups++;
            if (cleanupThrows) throw new Error('cleanup failed');
          },
        }),
      1,
    )
    .shuffleGrouping('s');
  return builder.createTopology();
}

const newProbe = (): Probe => ({ emitted: 0, executed: 0, closes: 0, cleanups: 0 });

describe('LocalCluster - close', () => {
  it('LocalCluster - close is idempotent and kills (draining) every topology', async () => {
    const a = newProbe();
    const b = newProbe();
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('a', probeTopology(a, 300, 0.2));
    await cluster.submitTopology('b', probeTopology(b, 300, 0.2));
    await waitFor(() => a.emitted === 300 && b.emitted === 300);

    const first = cluster.close();
    const second = cluster.close();
    assert.equal(first, second, 'a second close returns the same promise');
    await first;

    assert.deepEqual(cluster.topologyNames(), []);
    for (const p of [a, b])
      assert.deepEqual({ ...p }, { emitted: 300, executed: 300, closes: 1, cleanups: 1 });
    await cluster.close();
    assert.equal(a.closes + a.cleanups + b.closes + b.cleanups, 4, 'closing again closes nothing again');
    await assert.rejects(cluster.submitTopology('c', probeTopology(newProbe(), 1)), {
      code: 'CLUSTER_CLOSED',
    });
  });

  it('LocalCluster - await using closes the cluster at the end of the block', async () => {
    const p = newProbe();
    let escaped: LocalCluster;
    {
      await using cluster = new LocalCluster({ logger: silentLogger });
      escaped = cluster;
      await cluster.submitTopology('scoped', probeTopology(p, 200, 0.2));
      await waitFor(() => p.emitted === 200);
    }
    assert.deepEqual({ ...p }, { emitted: 200, executed: 200, closes: 1, cleanups: 1 });
    assert.deepEqual(escaped.topologyNames(), []);
  });

  it('LocalCluster - close finishes even when a component throws while closing', async () => {
    const bad = newProbe();
    const good = newProbe();
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('bad', probeTopology(bad, 10, 0, true));
    await cluster.submitTopology('good', probeTopology(good, 10));
    await waitFor(() => bad.executed === 10 && good.executed === 10);
    await cluster.close();
    assert.equal(bad.cleanups, 1);
    assert.deepEqual({ ...good }, { emitted: 10, executed: 10, closes: 1, cleanups: 1 });
    assert.deepEqual(cluster.topologyNames(), []);
  });

  it('LocalCluster - close while a kill is in flight stops the topology once', async () => {
    const p = newProbe();
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('busy', probeTopology(p, 400, 0.2));
    await waitFor(() => p.emitted === 400);
    const kill = cluster.killTopology('busy');
    await cluster.close();
    const report = await kill;
    assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
    assert.deepEqual({ ...p }, { emitted: 400, executed: 400, closes: 1, cleanups: 1 });
  });
});
