/**
 * killTopology stops gracefully: spouts are deactivated first, every queued tuple is executed,
 * then spouts close and bolts clean up, each exactly once. Bolts are prepared before spouts open.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GaleError, TopologyBuilder, type Topology } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { CapturingLogger } from '../helpers/capturing-logger.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

interface Probe {
  readonly events: string[];
  executed: number;
}

/** A spout that emits `burst` tuples in its first `nextTuple` call, and a slow bolt (2 tasks). */
function backlogTopology(probe: Probe, burst: number, executeMs: number): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout(
    'src',
    () => {
      let sent = false;
      return new FnSpout({
        open: () => probe.events.push('open'),
        activate: () => probe.events.push('activate'),
        deactivate: () => probe.events.push(`deactivate@${probe.executed}`),
        close: () => probe.events.push(`close@${probe.executed}`),
        nextTuple(c) {
          if (sent) return;
          sent = true;
          for (let i = 0; i < burst; i++) c.emit('default', [i]);
        },
      });
    },
    1,
  );
  builder
    .setBolt(
      'slow',
      () =>
        new FnBolt({
          prepare: (ctx) => probe.events.push(`prepare:${ctx.thisTaskId}`),
          execute() {
            busyWait(executeMs);
            probe.executed++;
          },
          cleanup: () => probe.events.push(`cleanup@${probe.executed}`),
        }),
      1,
    )
    .setNumTasks(2)
    .shuffleGrouping('src');
  return builder.createTopology();
}

function spoutEmitted(cluster: LocalCluster, name: string): number {
  return cluster.getTopology(name).components.find((c) => c.component === 'src')?.emitted ?? -1;
}

describe('graceful stop - killTopology', () => {
  it('graceful stop - every queued tuple is executed before components close, in lifecycle order', async () => {
    const N = 1500;
    const probe: Probe = { events: [], executed: 0 };
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('stop', backlogTopology(probe, N, 0.3));
    await waitFor(() => spoutEmitted(cluster, 'stop') === N, { message: 'the burst was emitted' });
    const queued = cluster.getTopology('stop').queued;
    assert.ok(queued > N / 2, `a large backlog is queued when the kill starts (${queued})`);

    const report = await cluster.killTopology('stop');

    assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
    assert.equal(probe.executed, N, 'every emitted tuple was executed');
    const ev = probe.events;
    // Bolts (both tasks) are prepared before the spout opens; the spout is activated after opening.
    assert.deepEqual(
      ev.slice(0, 4).map((e) => e.replace(/:\d+$/, '')),
      ['prepare', 'prepare', 'open', 'activate'],
    );
    const deactivate = ev.findIndex((e) => e.startsWith('deactivate@'));
    const close = ev.findIndex((e) => e.startsWith('close@'));
    const cleanups = ev.filter((e) => e.startsWith('cleanup@'));
    assert.ok(deactivate > 0 && close > deactivate, `deactivate, then close: ${ev.join(', ')}`);
    // The spout was deactivated while the backlog was still there: the drain came after it.
    assert.ok(Number(ev[deactivate]!.split('@')[1]) < N, 'deactivated before the drain');
    assert.equal(ev[close], `close@${N}`, 'the spout closed after the drain');
    assert.deepEqual(
      cleanups,
      [`cleanup@${N}`, `cleanup@${N}`],
      'each bolt task cleaned up once, after the drain',
    );
    assert.ok(ev.indexOf(cleanups[0]!) > close, 'spouts close before bolts clean up');
    assert.equal(ev.filter((e) => e.startsWith('deactivate@')).length, 1);
    assert.equal(ev.filter((e) => e.startsWith('close@')).length, 1);

    // Gone: a second kill finds nothing, and closing the cluster calls nothing again.
    await assert.rejects(cluster.killTopology('stop'), { code: 'TOPOLOGY_NOT_FOUND' });
    await cluster.close();
    assert.equal(probe.events.length, ev.length);
  });

  it('graceful stop - concurrent kills share one stop and close everything once', async () => {
    const N = 600;
    const probe: Probe = { events: [], executed: 0 };
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('twice', backlogTopology(probe, N, 0.2));
    await waitFor(() => spoutEmitted(cluster, 'twice') === N);
    const [a, b] = await Promise.all([cluster.killTopology('twice'), cluster.killTopology('twice')]);
    assert.deepEqual(a, b);
    assert.equal(probe.executed, N);
    assert.equal(probe.events.filter((e) => e.startsWith('close@')).length, 1);
    assert.equal(probe.events.filter((e) => e.startsWith('cleanup@')).length, 2);
    assert.deepEqual(cluster.topologyNames(), []);
  });

  it('graceful stop - a drain timeout drops the rest, reports it, and still closes everything once', async () => {
    const N = 2000;
    const probe: Probe = { events: [], executed: 0 };
    const logger = new CapturingLogger();
    await using cluster = new LocalCluster({ logger });
    await cluster.submitTopology('timeout', backlogTopology(probe, N, 0.5));
    await waitFor(() => spoutEmitted(cluster, 'timeout') === N);

    const report = await cluster.killTopology('timeout', { drainTimeoutMs: 30 });

    assert.equal(report.drained, false);
    assert.ok(report.dropped > 0, `dropped ${report.dropped}`);
    assert.equal(probe.executed + report.dropped, N, 'every tuple was either executed or counted as dropped');
    assert.equal(probe.events.filter((e) => e.startsWith('close@')).length, 1);
    assert.equal(probe.events.filter((e) => e.startsWith('cleanup@')).length, 2);
    const warn = logger.withMessage('drain timed out; queued tuples dropped');
    assert.equal(warn.length, 1);
    assert.equal(warn[0]!.fields['dropped'], report.dropped);
  });

  it('graceful stop - killTopology rejects with TOPOLOGY_NOT_FOUND for a name never submitted', async () => {
    await using cluster = new LocalCluster({ logger: silentLogger });
    await assert.rejects(cluster.killTopology('nope'), (err: unknown) => {
      assert.ok(err instanceof GaleError);
      assert.equal(err.code, 'TOPOLOGY_NOT_FOUND');
      assert.equal(err.details.topology, 'nope');
      return true;
    });
  });
});
