import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import { createGrouper } from './create-grouper.js';
import type { Grouper } from './grouper.js';

function partialKeyGrouper(tasks: readonly number[]): Grouper {
  const g = createGrouper(
    { kind: 'partialKey', fields: new Fields(['key']) },
    { tasks, localTasks: [] },
    {
      sourceComponent: 'spout',
      sourceStream: 'default',
      sourceTask: 1,
      outputFields: new Fields(['n', 'key']),
      targetComponent: 'bolt',
    },
  );
  assert.ok(g !== null);
  return g;
}

function choose(grouper: Grouper, key: unknown): number {
  const out: number[] = [];
  assert.equal(grouper.choose([0, key], out, 0), 1);
  return out[0]!;
}

describe('partial key grouping', () => {
  it('partialKey - each key goes to at most two tasks', () => {
    const tasks = [1, 2, 3, 4, 5, 6];
    const g = partialKeyGrouper(tasks);
    const seen = new Map<string, Set<number>>();
    // Interleave 300 keys with skewed frequencies so the load-based choice is exercised.
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 300; k++) {
        if (round % (1 + (k % 5)) !== 0) continue;
        const key = `k${k}`;
        const t = choose(g, key);
        assert.ok(tasks.includes(t), `task ${t} is not a consumer task`);
        const s = seen.get(key) ?? new Set<number>();
        s.add(t);
        seen.set(key, s);
      }
    }
    for (const [key, s] of seen) assert.ok(s.size <= 2, `${key} went to ${[...s].join(', ')}`);
    // Load balancing does happen: many keys used both of their candidates.
    const split = [...seen.values()].filter((s) => s.size === 2).length;
    assert.ok(split > 100, `only ${split} of 300 keys were split`);
  });

  it('partialKey - every single hot key is split evenly between two tasks', () => {
    // Each key on its own, with a fresh grouper: its two candidates alternate exactly.
    for (const n of [2, 3, 4, 8]) {
      const tasks = Array.from({ length: n }, (_, i) => 100 + i);
      for (let k = 0; k < 100; k++) {
        const g = partialKeyGrouper(tasks);
        const counts = new Map<number, number>();
        for (let i = 0; i < 1000; i++) {
          const t = choose(g, `hot-${k}`);
          counts.set(t, (counts.get(t) ?? 0) + 1);
        }
        assert.deepEqual(
          [...counts.values()],
          [500, 500],
          `key hot-${k} on ${n} tasks: ${JSON.stringify([...counts])}`,
        );
      }
    }
  });

  it('partialKey - a hot key among background traffic is split roughly evenly (within 10%)', () => {
    const tasks = [1, 2, 3, 4, 5, 6, 7, 8];
    const g = partialKeyGrouper(tasks);
    const hot = new Map<number, number>();
    const load = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      // Half of the traffic is one key; the rest is spread over 5 000 keys.
      const key = i % 2 === 0 ? 'HOT' : `cold-${(i * 7919) % 5000}`;
      const t = choose(g, key);
      load.set(t, (load.get(t) ?? 0) + 1);
      if (key === 'HOT') hot.set(t, (hot.get(t) ?? 0) + 1);
    }
    const shares = [...hot.values()];
    assert.equal(shares.length, 2, `the hot key went to ${shares.length} task(s)`);
    for (const s of shares) assert.ok(Math.abs(s - 10_000) <= 1_000, `hot key shares ${shares.join('/')}`);
    // Plain fields grouping would put the whole hot key (20 000) on one task.
    assert.ok(Math.max(...load.values()) < 15_000, `busiest task got ${Math.max(...load.values())}`);
  });

  it('partialKey - a single consumer task gets everything', () => {
    const g = partialKeyGrouper([9]);
    for (const key of ['a', 'b', 1, 2]) assert.equal(choose(g, key), 9);
  });
});
