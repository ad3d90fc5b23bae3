import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitQuiet, type QuietSample } from './await-quiet.js';

function samples(list: QuietSample[]): { next: () => Promise<QuietSample>; taken: () => number } {
  let i = 0;
  return { next: () => Promise.resolve(list[Math.min(i++, list.length - 1)]!), taken: () => i };
}

describe('awaitQuiet', () => {
  it('awaitQuiet - quiet only after nothing is queued and the key stood still for three samples', async () => {
    const s = samples([
      { queued: 5, key: 'a' },
      { queued: 0, key: 'b' },
      { queued: 0, key: 'b' },
      { queued: 0, key: 'c' }, // a message landed: start again
      { queued: 0, key: 'c' },
      { queued: 0, key: 'c' },
      { queued: 0, key: 'c' },
    ]);
    assert.equal(await awaitQuiet(s.next, Date.now() + 5000, 1), true);
    assert.equal(s.taken(), 7);
  });

  it('awaitQuiet - false when the deadline passes while counters keep moving', async () => {
    let n = 0;
    const moving = (): Promise<QuietSample> => Promise.resolve({ queued: 0, key: String(n++) });
    assert.equal(await awaitQuiet(moving, Date.now() + 50, 1), false);
  });
});
