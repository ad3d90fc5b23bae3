/**
 * Tick tuples: per-component `setTickFrequency` and topology-level `tickTupleFreqSecs` send every
 * task of a bolt a tuple from `__system` on `__tick` at that period. A manual clock makes the
 * periods exact.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SYSTEM_COMPONENT,
  SYSTEM_TASK,
  TICK_STREAM,
  TopologyBuilder,
  type Tuple,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, idleSpout } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

interface Seen {
  readonly component: string;
  readonly task: number;
  readonly tuple: Tuple;
}

function recorder(component: string, seen: Seen[]): () => FnBolt {
  return () =>
    new FnBolt({
      execute(tuple, _c, ctx) {
        seen.push({ component, task: ctx.thisTaskId, tuple });
      },
    });
}

function countBy(seen: readonly Seen[], component: string): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of seen) if (s.component === component) m.set(s.task, (m.get(s.task) ?? 0) + 1);
  return m;
}

describe('tick tuples - delivery and frequency', () => {
  it('tick tuples - topology-level and per-component frequencies, exact under a manual clock', async () => {
    const seen: Seen[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('idle', idleSpout, 1);
    builder.setBolt('every1', recorder('every1', seen), 2).shuffleGrouping('idle');
    builder.setBolt('every2', recorder('every2', seen), 1).setTickFrequency(2).shuffleGrouping('idle');
    builder
      .setBolt('never', recorder('never', seen), 1)
      .addConfiguration({ tickTupleFreqSecs: null })
      .shuffleGrouping('idle');
    const clock = new ManualClock(1000);
    await using cluster = new LocalCluster({ logger: silentLogger, clock });
    // The topology-level frequency comes in as a submit-time override.
    await cluster.submitTopology('ticks', builder.createTopology(), { tickTupleFreqSecs: 1 });
    const queued = (): number => cluster.getTopology('ticks').queued;
    const total = (): number => seen.length;

    clock.advance(999);
    assert.equal(queued(), 0, 'no tick before the first period');
    clock.advance(1);
    assert.equal(queued(), 2, "one tick for each of every1's two tasks at t=1s");
    await waitFor(() => total() === 2);
    clock.advance(1000);
    assert.equal(queued(), 3, 'every1 x2 and every2 x1 at t=2s');
    await waitFor(() => total() === 5);
    clock.advance(4000); // t = 3, 4, 5, 6 s
    await waitFor(() => total() === 5 + 8 + 2);
    await cluster.killTopology('ticks');

    assert.deepEqual([...countBy(seen, 'every1').values()], [6, 6]);
    assert.deepEqual([...countBy(seen, 'every2').values()], [3]);
    assert.equal(countBy(seen, 'never').size, 0, 'a component can switch ticks off');
    for (const { component, tuple } of seen) {
      assert.equal(tuple.isTick(), true);
      assert.equal(tuple.sourceComponent, SYSTEM_COMPONENT);
      assert.equal(tuple.sourceComponent, '__system');
      assert.equal(tuple.sourceStream, TICK_STREAM);
      assert.equal(tuple.sourceTask, SYSTEM_TASK);
      assert.equal(tuple.get('rate_secs'), component === 'every2' ? 2 : 1);
    }
    assert.equal(clock.pending, 0, 'every tick interval and timer is cancelled by the kill');
  });

  it('tick tuples - without a topology-level frequency only the configured component gets ticks', async () => {
    const seen: Seen[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('idle', idleSpout, 1);
    builder.setBolt('plain', recorder('plain', seen), 1).shuffleGrouping('idle');
    builder.setBolt('ticked', recorder('ticked', seen), 3).setTickFrequency(5).shuffleGrouping('idle');
    const clock = new ManualClock();
    await using cluster = new LocalCluster({ logger: silentLogger, clock });
    await cluster.submitTopology('ticks2', builder.createTopology());
    for (let s = 0; s < 20; s++) clock.advance(1000);
    await waitFor(() => seen.length === 4 * 3, { message: '4 periods of 5 s to 3 tasks' });
    await cluster.killTopology('ticks2');
    assert.equal(countBy(seen, 'plain').size, 0);
    assert.deepEqual([...countBy(seen, 'ticked').values()], [4, 4, 4]);
  });

  it('tick tuples - arrive on the real clock at a sub-second frequency', async () => {
    const seen: Seen[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('idle', idleSpout, 1);
    builder.setBolt('b', recorder('b', seen), 1).setTickFrequency(0.01).shuffleGrouping('idle');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('realticks', builder.createTopology());
    const start = performance.now();
    await waitFor(() => seen.length >= 5, { message: 'five ticks at 10 ms' });
    // Ticks never come early: five periods of 10 ms take at least ~50 ms.
    assert.ok(performance.now() - start >= 40, 'ticks respect their period');
    assert.ok(seen.every((s) => s.tuple.isTick()));
  });
});
