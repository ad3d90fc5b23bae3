import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PendingRoots } from './pending-roots.js';
import { RootIds } from './root-ids.js';

describe('pending roots', () => {
  it('pending roots - a root times out on the second rotation after its emit, never the first', () => {
    const p = new PendingRoots(null);
    p.add(1, 'm1', 0);
    assert.deepEqual(p.expire(), []);
    assert.deepEqual(p.expire(), ['m1']);
    assert.equal(p.size, 0);
  });

  it('pending roots - with rotations every T, every root times out within [T, 2T] of its emit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 50 }), (emitTimes) => {
        const T = 1000;
        const p = new PendingRoots(null);
        const events = emitTimes.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
        let next = 0;
        const timedOutAt = new Map<number, number>();
        for (let tick = T; tick <= 4 * T; tick += T) {
          while (next < events.length && events[next]!.t < tick) {
            p.add(events[next]!.i, events[next]!.i, events[next]!.t);
            next++;
          }
          for (const id of p.expire()) timedOutAt.set(id as number, tick);
        }
        for (const { t, i } of events) {
          const at = timedOutAt.get(i);
          assert.ok(
            at !== undefined && at - t >= T && at - t <= 2 * T,
            `root emitted at ${t} timed out at ${at}`,
          );
        }
      }),
    );
  });

  it('pending roots - resetTimeout extends a root; take removes it; max pending is the limit', () => {
    const p = new PendingRoots(2);
    p.add(1, 'a', 0);
    p.add(2, 'b', 0);
    assert.equal(p.isFull(), true);
    p.expire();
    assert.equal(p.resetTimeout(1), true);
    assert.deepEqual(p.expire(), ['b']);
    assert.equal(p.take(1), true);
    assert.deepEqual([p.takenMessageId, p.takenEmittedAt], ['a', 0]);
    assert.equal(p.take(1), false);
    assert.equal(p.resetTimeout(1), false);
    assert.equal(p.isFull(), false);
    assert.equal(new PendingRoots(null).isFull(), false);
  });
});

describe('root ids', () => {
  it('root ids - unique per task, safe integers, and the task can be read back', () => {
    const a = new RootIds(7);
    const b = new RootIds(8);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      const y = b.next();
      assert.ok(Number.isSafeInteger(x) && Number.isSafeInteger(y));
      assert.equal(RootIds.taskOf(x), 7);
      assert.equal(RootIds.taskOf(y), 8);
      seen.add(x).add(y);
    }
    assert.equal(seen.size, 2000);
    assert.ok(Number.isSafeInteger(new RootIds(2 ** 20 - 1).next() + 2 ** 32 - 1));
    assert.throws(() => new RootIds(2 ** 20), RangeError);
  });

  it('root ids - the counter wraps within the task, and a restarted task starts elsewhere', () => {
    const wrapping = new RootIds(3, 2 ** 32 - 1);
    assert.equal(RootIds.taskOf(wrapping.next()), 3);
    assert.equal(wrapping.next(), 3 * 2 ** 32);
    // Two processes of one task: their first ids differ (a restart must not reuse ids that
    // ackers may still hold).
    const firsts = new Set(Array.from({ length: 20 }, () => new RootIds(5).next()));
    assert.ok(firsts.size > 1);
  });
});
