/**
 * Order is kept per (producer task, consumer task) pair, as Storm guarantees: whatever the
 * grouping, the tuples one task sends to another arrive in the order they were emitted. In one
 * worker (executors running several tasks) and across workers (batching, the in-process transport
 * and cross-worker backpressure never reorder them).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, SequenceSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

/** Remembers the last sequence number per key and lists keys that went backwards. */
class OrderCheck {
  readonly last = new Map<string, number>();
  readonly violations: string[] = [];
  seen = 0;
  /** Deliveries whose producer ran in another worker than the consumer. */
  crossWorker = 0;

  see(key: string, seq: number, crossWorker: boolean): void {
    this.seen++;
    if (crossWorker) this.crossWorker++;
    const prev = this.last.get(key);
    if (prev !== undefined && seq <= prev) this.violations.push(`${key}: ${seq} after ${prev}`);
    this.last.set(key, seq);
  }
}

const SHAPES = [
  // One worker; the spout's 3 tasks run on 2 executors.
  { workers: 1, spoutExecutors: 2 },
  { workers: 3, spoutExecutors: 3 },
] as const;

describe('ordering - per task pair', () => {
  for (const { workers, spoutExecutors } of SHAPES) {
    it(`ordering - each consumer task sees each producer task in order, through a shuffled middle layer, with ${workers} worker(s)`, async () => {
      const PER_SPOUT_TASK = 3000;
      const SPOUT_TASKS = 3;
      const MIDDLE_TASKS = 4;
      const SINK_TASKS = 3;
      const middle = new OrderCheck();
      const sink = new OrderCheck();
      const builder = new TopologyBuilder();
      builder
        .setSpout('seq', () => new SequenceSpout(PER_SPOUT_TASK, 7), spoutExecutors)
        .setNumTasks(SPOUT_TASKS);
      builder
        .setBolt(
          'middle',
          () =>
            new FnBolt({
              outputs: { default: ['origin', 'seq'] },
              execute(t, c, ctx) {
                const seq = Number(t.getValue(1));
                middle.see(
                  `${t.sourceTask}->${ctx.thisTaskId}`,
                  seq,
                  !ctx.thisWorkerTasks.includes(t.sourceTask),
                );
                c.emit('default', [t.getValue(0), seq]);
              },
            }),
          MIDDLE_TASKS,
        )
        .shuffleGrouping('seq');
      builder
        .setBolt(
          'sink',
          () =>
            new FnBolt({
              execute(t, _c, ctx) {
                // Pair (middle task -> this task), per original spout task.
                sink.see(
                  `${t.sourceTask}->${ctx.thisTaskId}/origin ${String(t.getValue(0))}`,
                  Number(t.getValue(1)),
                  !ctx.thisWorkerTasks.includes(t.sourceTask),
                );
              },
            }),
          SINK_TASKS,
        )
        .shuffleGrouping('middle');
      // Small queues and batches: many batches, many status changes, many interleavings.
      const topology = builder.createTopology({ workers, receiveQueueCapacity: 32, transferBatchSize: 8 });

      await using cluster = new LocalCluster({ logger: silentLogger });
      await cluster.submitTopology('order', topology);
      const total = PER_SPOUT_TASK * SPOUT_TASKS;
      await waitFor(() => sink.seen === total, {
        timeoutMs: 8000,
        message: `the sink saw all ${total} tuples`,
      });
      const report = await cluster.killTopology('order');

      assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
      assert.equal(middle.seen, total);
      assert.deepEqual(middle.violations, []);
      assert.deepEqual(sink.violations, []);
      // The check means something only if many pairs interleaved (with several workers, most of
      // them across workers).
      assert.equal(
        middle.last.size,
        SPOUT_TASKS * MIDDLE_TASKS,
        'every spout task reached every middle task',
      );
      assert.ok(
        sink.last.size >= MIDDLE_TASKS * SINK_TASKS * SPOUT_TASKS - 4,
        `sink pairs: ${sink.last.size}`,
      );
      if (workers === 1) {
        assert.equal(middle.crossWorker + sink.crossWorker, 0);
      } else {
        assert.ok(
          middle.crossWorker > total / 3,
          `cross-worker deliveries into middle: ${middle.crossWorker}`,
        );
        assert.ok(sink.crossWorker > total / 3, `cross-worker deliveries into sink: ${sink.crossWorker}`);
      }
    });
  }
});
