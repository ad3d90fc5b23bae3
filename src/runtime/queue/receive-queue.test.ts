import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReceiveQueue } from './receive-queue.js';

describe('ReceiveQueue', () => {
  it('ReceiveQueue - is FIFO across growth, including when the ring has wrapped', () => {
    const q = new ReceiveQueue<number>(4); // ring of 16
    let next = 0;
    let expected = 0;
    // Move the head to the middle of the ring, so the next growth copies a wrapped buffer.
    for (let i = 0; i < 10; i++) q.push(next++);
    for (let i = 0; i < 9; i++) assert.equal(q.shift(), expected++);
    for (let i = 0; i < 100; i++) q.push(next++); // grows 16 -> 32 -> 64 -> 128 while wrapped
    assert.equal(q.size, 101);
    while (!q.isEmpty()) assert.equal(q.shift(), expected++);
    assert.equal(expected, next);
    assert.equal(q.shift(), undefined);
  });

  it('ReceiveQueue - behaves as an array queue for any push/shift sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { maxLength: 400 }), (cap, ops) => {
        const q = new ReceiveQueue<number>(cap);
        const model: number[] = [];
        let n = 0;
        for (const push of ops) {
          if (push) {
            assert.equal(q.push(n), model.push(n));
            n++;
          } else assert.equal(q.shift(), model.shift());
          assert.equal(q.size, model.length);
          assert.equal(q.isFull(), model.length >= cap);
        }
        assert.equal(q.clear(), model.length);
        assert.equal(q.size, 0);
      }),
    );
  });

  it('ReceiveQueue - isFull from capacity on, resumeAt is half the capacity, push never refuses', () => {
    const q = new ReceiveQueue<string>(10);
    assert.equal(q.capacity, 10);
    assert.equal(q.resumeAt, 5);
    for (let i = 0; i < 9; i++) q.push('x');
    assert.equal(q.isFull(), false);
    assert.equal(q.push('x'), 10);
    assert.equal(q.isFull(), true);
    assert.equal(q.push('over'), 11, 'a push over capacity still succeeds (soft bound)');
    assert.equal(q.isFull(), true);
    assert.equal(new ReceiveQueue<number>(1).resumeAt, 0);
    assert.equal(new ReceiveQueue<number>(7).resumeAt, 3);
  });

  it('ReceiveQueue - clear empties the queue and returns the count; the queue stays usable', () => {
    const q = new ReceiveQueue<number>(8);
    for (let i = 0; i < 20; i++) q.push(i);
    assert.equal(q.clear(), 20);
    assert.equal(q.isEmpty(), true);
    assert.equal(q.clear(), 0);
    q.push(42);
    assert.equal(q.shift(), 42);
  });
});
