import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  it('RestartBackoff - 1 s doubling to 30 s; back to 1 s after a minute without failing', () => {
    let now = 0;
    const b = new RestartBackoff(1000, 30_000, 60_000, () => now);
    assert.deepEqual(
      Array.from({ length: 7 }, () => b.next()),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000],
    );
    b.started();
    now += 59_000;
    assert.equal(b.next(), 30_000, 'failed within the minute');
    b.started();
    now += 60_000;
    assert.equal(b.next(), 1000, 'ran a minute: healthy again');
  });
});
