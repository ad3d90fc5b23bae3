import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Fields } from '../../api/fields.js';
import type { GroupingSpec } from '../../api/grouping.js';
import { createGrouper, type GrouperSite } from './create-grouper.js';
import type { Grouper, GrouperTarget } from './grouper.js';
import { ShuffleGrouper } from './shuffle-grouper.js';

const SITE: GrouperSite = {
  sourceComponent: 'spout',
  sourceStream: 'default',
  sourceTask: 1,
  outputFields: new Fields(['word']),
  targetComponent: 'bolt',
};

function build(spec: GroupingSpec, target: GrouperTarget): Grouper {
  const g = createGrouper(spec, target, SITE);
  assert.ok(g !== null, `${spec.kind} grouping should have a grouper`);
  return g;
}

/** Routes `n` tuples and counts how many each task got. */
function counts(grouper: Grouper, n: number): Map<number, number> {
  const out: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    assert.equal(grouper.choose(['w'], out, 0), 1);
    const t = out[0]!;
    seen.set(t, (seen.get(t) ?? 0) + 1);
  }
  return seen;
}

function assertExactShares(seen: Map<number, number>, tasks: readonly number[], k: number): void {
  assert.deepEqual(
    [...seen.entries()].sort((a, b) => a[0] - b[0]),
    [...tasks].sort((a, b) => a - b).map((t) => [t, k]),
  );
}

const TASKS = [4, 5, 6, 7, 8];

describe('shuffle grouping', () => {
  it('shuffle - over k*N tuples every task gets exactly k', () => {
    for (const k of [1, 3, 200])
      assertExactShares(
        counts(build({ kind: 'shuffle' }, { tasks: TASKS, localTasks: [] }), k * TASKS.length),
        TASKS,
        k,
      );
  });

  it('shuffle - over any prefix every task is within 1 of its fair share', () => {
    // The stated tolerance: a prefix of L tuples gives each of N tasks floor(L/N) or ceil(L/N).
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 500 }),
        (tasks, length) => {
          const seen = counts(new ShuffleGrouper(tasks), length);
          for (const t of seen.keys()) assert.ok(tasks.includes(t), `task ${t} is not a consumer task`);
          for (const t of tasks) {
            const got = seen.get(t) ?? 0;
            assert.ok(
              Math.abs(got - length / tasks.length) < 1,
              `task ${t} got ${got} of ${length} tuples over ${tasks.length} tasks`,
            );
          }
        },
      ),
    );
  });

  it('shuffle - the order is random, not a fixed round robin', () => {
    const grouper = build({ kind: 'shuffle' }, { tasks: TASKS, localTasks: [] });
    const out: number[] = [];
    const windows = new Set<string>();
    for (let w = 0; w < 50; w++) {
      const window: number[] = [];
      for (let i = 0; i < TASKS.length; i++) {
        grouper.choose([], out, 0);
        window.push(out[0]!);
      }
      windows.add(window.join(','));
    }
    // 50 windows of a random permutation of 5 tasks: all equal has probability 120^-49.
    assert.ok(windows.size > 1, `every window was ${[...windows].join(' | ')}`);
  });

  it('shuffle - uses the injected random source', () => {
    // random() = 0 always swaps each element with the first: a deterministic permutation.
    const out: number[] = [];
    const a = new ShuffleGrouper([1, 2, 3, 4], () => 0);
    const b = new ShuffleGrouper([1, 2, 3, 4], () => 0.999);
    const seqA: number[] = [];
    const seqB: number[] = [];
    for (let i = 0; i < 4; i++) {
      a.choose([], out, 0);
      seqA.push(out[0]!);
      b.choose([], out, 0);
      seqB.push(out[0]!);
    }
    assert.deepEqual(seqB, [1, 2, 3, 4]);
    assert.notDeepEqual(seqA, seqB);
    assert.deepEqual([...seqA].sort(), [1, 2, 3, 4]);
  });

  it('shuffle - writes at the given offset and leaves the rest of the buffer alone', () => {
    const out = [-1, -1, -1];
    assert.equal(new ShuffleGrouper([9]).choose([], out, 2), 1);
    assert.deepEqual(out, [-1, -1, 9]);
  });

  it('shuffle - needs at least one task', () => {
    assert.throws(() => new ShuffleGrouper([]));
  });

  it('none - behaves like shuffle: exact shares over k*N tuples', () => {
    assertExactShares(
      counts(build({ kind: 'none' }, { tasks: TASKS, localTasks: [] }), 7 * TASKS.length),
      TASKS,
      7,
    );
  });
});

describe('localOrShuffle grouping', () => {
  it('localOrShuffle - only local tasks get tuples when there are some, in equal shares', () => {
    const local = [5, 7];
    const grouper = build({ kind: 'localOrShuffle' }, { tasks: TASKS, localTasks: local });
    assertExactShares(counts(grouper, 100 * local.length), local, 100);
  });

  it('localOrShuffle - falls back to every task when none is local', () => {
    const grouper = build({ kind: 'localOrShuffle' }, { tasks: TASKS, localTasks: [] });
    assertExactShares(counts(grouper, 10 * TASKS.length), TASKS, 10);
  });
});
