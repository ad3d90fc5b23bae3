/**
 * Order is kept per (producer task, consumer task) pair, as Storm guarantees: whatever the
 * grouping, the tuples one task sends to another arrive in the order they were emitted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, SequenceSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

/** Remembers the last sequence number per key and counts keys that went backwards. */
class OrderCheck {
  readonly last = new Map<string, number>();
  violations: string[] = [];
  seen = 0;

  see(key: string, seq: number): void {
    this.seen++;
    const prev = this.last.get(key);
    if (prev !== undefined && seq <= prev) this.violations.push(`${key}: ${seq} after ${prev}`);
    this.last.set(key, seq);
  }
}

describe('ordering - per task pair', () => {
  it('ordering - each consumer task sees the sequence of each producer task increase, through a shuffled middle layer', async () => {
    const PER_SPOUT_TASK = 4000;
    const SPOUT_TASKS = 3;
    const middle = new OrderCheck();
    const sink = new OrderCheck();
    const builder = new TopologyBuilder();
    builder.setSpout('seq', () => new SequenceSpout(PER_SPOUT_TASK, 7), 2).setNumTasks(SPOUT_TASKS);
    builder
      .setBolt(
        'middle',
        () =>
          new FnBolt({
            outputs: { default: ['origin', 'seq'] },
            execute(t, c, ctx) {
              const origin = Number(t.getValue(0));
              const seq = Number(t.getValue(1));
              // Pair (spout task -> this task): the sequence of one spout task must rise.
              middle.see(`${t.sourceTask}->${ctx.thisTaskId}`, seq);
              c.emit('default', [origin, seq]);
            },
          }),
        3,
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
              );
            },
          }),
        2,
      )
      .shuffleGrouping('middle');
    const topology = builder.createTopology({ receiveQueueCapacity: 64 });

    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('order', topology);
    const total = PER_SPOUT_TASK * SPOUT_TASKS;
    await waitFor(() => sink.seen === total, {
      timeoutMs: 8000,
      message: `the sink saw all ${total} tuples`,
    });
    await cluster.killTopology('order');

    assert.equal(middle.seen, total);
    assert.deepEqual(middle.violations, []);
    assert.deepEqual(sink.violations, []);
    // The check means something only if many pairs interleaved.
    assert.equal(middle.last.size, SPOUT_TASKS * 3, 'every spout task reached every middle task');
    assert.ok(sink.last.size >= 2 * 3 * SPOUT_TASKS - 2, `sink pairs observed: ${sink.last.size}`);
  });
});
