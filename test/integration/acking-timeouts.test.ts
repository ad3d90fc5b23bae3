/**
 * Timeouts of tuple trees under a manual clock: a tree nobody acks fails between T and 2T after
 * its emit (T = `messageTimeoutSecs`), `resetTimeout` keeps a tree alive, and `maxSpoutPending`
 * caps the trees a spout task has in flight.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type MessageId, type OutputCollector, type Tuple } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

const T = 10; // seconds

interface Held {
  readonly tuple: Tuple;
  readonly collector: OutputCollector;
}

/** A bolt that keeps its inputs, unacked, in `held`. */
const holder = (held: Held[]) => (): FnBolt =>
  new FnBolt({ autoAck: false, execute: (tuple, collector) => void held.push({ tuple, collector }) });

describe('acking - timeouts', () => {
  it('acking - a tree nobody acks fails between T and 2T after its emit, wherever in the period it was emitted', async () => {
    const clock = new ManualClock(0);
    const due: number[] = []; // emit offsets (ms after start) still to emit
    const emittedAt = new Map<MessageId, number>();
    const failedAt = new Map<MessageId, number>();
    const held: Held[] = [];
    let next = 0;
    const b = new TopologyBuilder();
    b.setSpout(
      'spout',
      () =>
        new FnSpout({
          outputs: { default: ['id'] },
          nextTuple(c) {
            if (due.length > 0 && clock.now() >= due[0]!) {
              due.shift();
              emittedAt.set(next, clock.now());
              c.emit('default', [next], next);
              next++;
            }
          },
          fail: (id) => void failedAt.set(id, clock.now()),
          ack: () => assert.fail('nothing is acked'),
        }),
    );
    b.setBolt('hold', holder(held)).shuffleGrouping('spout');
    await using cluster = new LocalCluster({ logger: silentLogger, clock });
    await cluster.submitTopology('timeouts', b.createTopology({ messageTimeoutSecs: T }));
    // Emits right after the start, across the first period, just before a rotation, and later.
    due.push(0, 3_000, 7_500, 9_900, 15_000, 19_900, 21_000);
    const stepMs = 100;
    for (let now = 0; now <= 5 * T * 1000; now += stepMs) {
      if (now > 0) clock.advance(stepMs);
      // Let the scheduler run what the clock released (spout polls, verdicts, ticks).
      await new Promise<void>((resolve) => setImmediate(resolve));
      await waitFor(() => cluster.getTopology('timeouts').queued === 0);
    }
    assert.equal(emittedAt.size, 7, 'every root was emitted');
    assert.equal(failedAt.size, 7, 'every root timed out');
    for (const [id, at] of emittedAt) {
      const delay = failedAt.get(id)! - at;
      assert.ok(
        delay >= T * 1000 && delay <= 2 * T * 1000 + stepMs,
        `root ${id as number}: failed after ${delay} ms`,
      );
    }
    assert.equal(held.length, 7, 'the bolt did get every tuple');
  });

  it('acking - resetTimeout keeps a tree alive past 2T; it is acked when its tuple finally is', async () => {
    const clock = new ManualClock(0);
    const held: Held[] = [];
    const acked: MessageId[] = [];
    const failed: MessageId[] = [];
    let sent = false;
    const b = new TopologyBuilder();
    b.setSpout(
      'spout',
      () =>
        new FnSpout({
          outputs: { default: ['id'] },
          nextTuple(c) {
            if (!sent) c.emit('default', [1], 'only');
            sent = true;
          },
          ack: (id) => void acked.push(id),
          fail: (id) => void failed.push(id),
        }),
    );
    b.setBolt('hold', holder(held)).shuffleGrouping('spout');
    await using cluster = new LocalCluster({ logger: silentLogger, clock });
    await cluster.submitTopology('reset', b.createTopology({ messageTimeoutSecs: T }));
    await waitFor(() => held.length === 1);
    const { tuple, collector } = held[0]!;
    // Five timeouts long, resetting every half timeout.
    for (let i = 0; i < 10; i++) {
      collector.resetTimeout(tuple);
      await waitFor(() => cluster.getTopology('reset').queued === 0);
      clock.advance((T * 1000) / 2);
      await new Promise<void>((resolve) => setImmediate(resolve));
      await waitFor(() => cluster.getTopology('reset').queued === 0);
    }
    assert.deepEqual(failed, [], 'not timed out while being reset');
    collector.ack(tuple);
    await waitFor(() => acked.length === 1);
    assert.deepEqual(acked, ['only']);

    // The control: without resets, the same wait fails the tree.
    sent = false;
    held.length = 0;
    // The idle spout backs off on the manual clock: move it along until it emits again.
    await waitFor(
      () => {
        clock.advance(1);
        return held.length === 1;
      },
      { message: 'a second tree' },
    );
    for (let i = 0; i < 10 && failed.length === 0; i++) {
      clock.advance((T * 1000) / 2);
      await new Promise<void>((resolve) => setImmediate(resolve));
      await waitFor(() => cluster.getTopology('reset').queued === 0);
    }
    assert.deepEqual(failed, ['only']);
  });

  it('acking - maxSpoutPending caps the trees in flight of each spout task, and is reached', async () => {
    const LIMIT = 5;
    const held: Held[] = [];
    const pending = new Map<number, number>(); // spout task -> trees in flight
    const maxPending = new Map<number, number>();
    let acks = 0;
    const b = new TopologyBuilder();
    b.setSpout(
      'spout',
      () => {
        let task = 0;
        let n = 0;
        const change = (d: number): void => {
          const p = (pending.get(task) ?? 0) + d;
          pending.set(task, p);
          maxPending.set(task, Math.max(maxPending.get(task) ?? 0, p));
        };
        return new FnSpout({
          outputs: { default: ['id'] },
          open: (ctx) => void (task = ctx.thisTaskId),
          nextTuple(c) {
            if (n >= 200) return;
            change(+1);
            c.emit('default', [n], n++);
          },
          ack: () => {
            acks++;
            change(-1);
          },
          fail: () => change(-1),
        });
      },
      2,
    );
    b.setBolt('hold', holder(held), 2).shuffleGrouping('spout');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('msp', b.createTopology({ maxSpoutPending: LIMIT }));
    // Release what is held, batch by batch, until all 400 trees are done.
    for (let round = 0; round < 1000 && acks < 400; round++) {
      await waitFor(() => held.length > 0 || acks >= 400);
      await waitFor(() => cluster.getTopology('msp').queued === 0);
      for (const h of held.splice(0)) h.collector.ack(h.tuple);
    }
    assert.equal(acks, 400);
    assert.equal(maxPending.size, 2);
    for (const [task, max] of maxPending)
      assert.equal(max, LIMIT, `task ${task}: at most and at some point ${LIMIT} in flight`);
  });
});
