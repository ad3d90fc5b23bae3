/**
 * Where tasks run when a topology has several workers: executors are spread round-robin, a task's
 * context lists exactly its worker's tasks, and localOrShuffle keeps tuples inside the emitting
 * task's worker whenever that worker has consumer tasks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type Topology } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

describe('multi-worker - placement', () => {
  it("multi-worker - context.thisWorkerTasks of every task lists exactly its worker's tasks", async () => {
    const seen = new Map<number, readonly number[]>();
    const builder = new TopologyBuilder();
    builder.setSpout(
      'a',
      () => new FnSpout({ open: (ctx) => seen.set(ctx.thisTaskId, ctx.thisWorkerTasks), nextTuple() {} }),
      2,
    );
    builder
      .setBolt(
        'b',
        () =>
          new FnBolt({
            outputs: { default: ['v'] },
            prepare: (ctx) => seen.set(ctx.thisTaskId, ctx.thisWorkerTasks),
            execute() {},
          }),
        3,
      )
      .setNumTasks(5)
      .shuffleGrouping('a');
    builder
      .setBolt(
        'c',
        () => new FnBolt({ prepare: (ctx) => seen.set(ctx.thisTaskId, ctx.thisWorkerTasks), execute() {} }),
        1,
      )
      .shuffleGrouping('b');
    // Executors in plan order: a [1], a [2], b [3,4], b [5,6], b [7], c [8], then one acker per
    // worker: __acker [9], [10], [11]; round-robin over 3.
    const expected = new Map<number, number[]>([
      [1, [1, 5, 6, 9]],
      [5, [1, 5, 6, 9]],
      [6, [1, 5, 6, 9]],
      [2, [2, 7, 10]],
      [7, [2, 7, 10]],
      [3, [3, 4, 8, 11]],
      [4, [3, 4, 8, 11]],
      [8, [3, 4, 8, 11]],
    ]);

    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('place', builder.createTopology({ workers: 3 }));
    await cluster.killTopology('place');

    assert.deepEqual(new Map([...seen].map(([t, list]) => [t, [...list]])), expected);
  });
});

interface Delivery {
  readonly from: number;
  readonly to: number;
  readonly sameWorker: boolean;
}

/** `a-src` (2 tasks) feeds `b-sink` with the given grouping; returns every delivery the sink saw. */
async function deliveries(
  sinkParallelism: number,
  grouping: 'localOrShuffle' | 'shuffle',
  perTask: number,
): Promise<Delivery[]> {
  const out: Delivery[] = [];
  const builder = new TopologyBuilder();
  builder.setSpout(
    'a-src',
    () => {
      let n = 0;
      return new FnSpout({
        nextTuple(c) {
          if (n < perTask) c.emit('default', [n++]);
        },
      });
    },
    2,
  );
  const sink = builder.setBolt(
    'b-sink',
    () =>
      new FnBolt({
        execute(t, _c, ctx) {
          out.push({
            from: t.sourceTask,
            to: ctx.thisTaskId,
            sameWorker: ctx.thisWorkerTasks.includes(t.sourceTask),
          });
        },
      }),
    sinkParallelism,
  );
  if (grouping === 'localOrShuffle') sink.localOrShuffleGrouping('a-src');
  else sink.shuffleGrouping('a-src');
  const topology: Topology = builder.createTopology({ workers: 2 });

  await using cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('los', topology);
  await waitFor(() => out.length === 2 * perTask, { message: `the sink saw ${2 * perTask} tuples` });
  const report = await cluster.killTopology('los');
  assert.equal(report.dropped, 0);
  return out;
}

function pairs(list: readonly Delivery[]): string[] {
  return [...new Set(list.map((d) => `${d.from}->${d.to}`))].sort();
}

describe('multi-worker - localOrShuffle', () => {
  it("multi-worker - localOrShuffle sends every tuple to a consumer task in the emitter's worker", async () => {
    // Tasks: a-src 1, 2; b-sink 3-6. Worker 1 runs 1, 3, 5; worker 2 runs 2, 4, 6.
    const got = await deliveries(4, 'localOrShuffle', 400);
    assert.deepEqual(
      got.filter((d) => !d.sameWorker),
      [],
      'no tuple crossed workers',
    );
    // Both local consumers of each emitter are used: a shuffle over the local ones.
    assert.deepEqual(pairs(got), ['1->3', '1->5', '2->4', '2->6']);
  });

  it('multi-worker - shuffle (the control) does send tuples across workers in the same layout', async () => {
    const got = await deliveries(4, 'shuffle', 400);
    const crossed = got.filter((d) => !d.sameWorker).length;
    assert.ok(crossed > 200, `about half of 800 tuples cross workers (saw ${crossed})`);
    assert.equal(pairs(got).length, 8, 'every spout task reaches every sink task');
  });

  it('multi-worker - localOrShuffle falls back to all consumer tasks when the worker has none', async () => {
    // Executors a-src [1], a-src [2], b-sink [3]: worker 1 runs 1 and 3, worker 2 runs only 2.
    const got = await deliveries(1, 'localOrShuffle', 300);
    assert.equal(got.filter((d) => d.from === 2).length, 300, "task 2's tuples reach task 3 in worker 1");
    assert.ok(got.filter((d) => d.from === 2).every((d) => !d.sameWorker && d.to === 3));
    assert.ok(got.filter((d) => d.from === 1).every((d) => d.sameWorker));
  });
});
