import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import { createGrouper } from './create-grouper.js';
import type { Grouper } from './grouper.js';
import { stableHash } from './stable-hash.js';

const TASKS = [10, 11, 12, 13, 14, 15, 16, 17];

/** A fields grouper on `key` of a stream with fields `fields`, as emitting task `sourceTask` builds it. */
function fieldsGrouper(
  fields: readonly string[],
  key: readonly string[],
  tasks = TASKS,
  sourceTask = 1,
): Grouper {
  const g = createGrouper(
    { kind: 'fields', fields: new Fields(key) },
    { tasks, localTasks: [] },
    {
      sourceComponent: 'split',
      sourceStream: 'default',
      sourceTask,
      outputFields: new Fields(fields),
      targetComponent: 'count',
    },
  );
  assert.ok(g !== null);
  return g;
}

function choose(grouper: Grouper, values: readonly unknown[]): number {
  const out: number[] = [];
  assert.equal(grouper.choose(values, out, 0), 1);
  return out[0]!;
}

/** Asserts each task's count is within `tolerance` (a fraction) of an even split. */
function assertRoughlyEven(chosen: readonly number[], tasks: readonly number[], tolerance: number): void {
  const seen = new Map<number, number>();
  for (const t of chosen) seen.set(t, (seen.get(t) ?? 0) + 1);
  const fair = chosen.length / tasks.length;
  for (const t of tasks) {
    const got = seen.get(t) ?? 0;
    assert.ok(Math.abs(got - fair) <= fair * tolerance, `task ${t} got ${got}, fair share ${fair}`);
  }
  for (const t of seen.keys()) assert.ok(tasks.includes(t), `task ${t} is not a consumer task`);
}

describe('fields grouping', () => {
  it('fields - the same key goes to the same task, whatever the other fields and emitting task', () => {
    const a = fieldsGrouper(['word', 'n'], ['word'], TASKS, 1);
    const b = fieldsGrouper(['word', 'n'], ['word'], TASKS, 2);
    for (let i = 0; i < 500; i++) {
      const word = `w${i}`;
      const first = choose(a, [word, 0]);
      assert.equal(choose(a, [word, 1]), first);
      assert.equal(choose(a, [word, i]), first);
      assert.equal(choose(b, [word, -i]), first);
    }
  });

  it('fields - many string keys spread evenly over the tasks (within 15%)', () => {
    // 20 000 keys on 8 tasks: fair share 2 500, sd ~47, so 15% (375) is ~8 sd.
    const g = fieldsGrouper(['word'], ['word']);
    const chosen = Array.from({ length: 20_000 }, (_, i) => choose(g, [`word-${i}`]));
    assertRoughlyEven(chosen, TASKS, 0.15);
  });

  it('fields - consecutive integer keys spread evenly over the tasks (within 15%)', () => {
    const g = fieldsGrouper(['id'], ['id']);
    const chosen = Array.from({ length: 20_000 }, (_, i) => choose(g, [i]));
    assertRoughlyEven(chosen, TASKS, 0.15);
  });

  it('fields - a multi-field key uses every key field and only those', () => {
    const g = fieldsGrouper(['user', 'noise', 'region'], ['user', 'region']);
    const chosen: number[] = [];
    for (let u = 0; u < 100; u++) {
      for (const region of ['eu', 'us', 'ap']) {
        const t = choose(g, [`u${u}`, 'x', region]);
        assert.equal(choose(g, [`u${u}`, Math.random(), region]), t, 'a non-key field changed the task');
        chosen.push(t);
      }
    }
    // Keys differing only in `region` must not all collapse on one task per user.
    const users = new Map<number, Set<number>>();
    for (let u = 0; u < 100; u++) {
      users.set(u, new Set([0, 1, 2].map((r) => chosen[u * 3 + r]!)));
    }
    const split = [...users.values()].filter((s) => s.size > 1).length;
    assert.ok(split > 50, `only ${split} of 100 users had their regions on more than one task`);
    // The key is the tuple of fields in order: ('a', 'b') and ('b', 'a') are different keys.
    let differ = 0;
    for (let i = 0; i < 200; i++)
      if (choose(g, [`a${i}`, 0, `b${i}`]) !== choose(g, [`b${i}`, 0, `a${i}`])) differ++;
    assert.ok(differ > 120, `swapping key fields changed the task of only ${differ} of 200 keys`);
  });

  it('fields - number 1 and string "1" are different keys', () => {
    assert.notEqual(stableHash(1), stableHash('1'));
    const g = fieldsGrouper(
      ['k'],
      ['k'],
      Array.from({ length: 16 }, (_, i) => i),
    );
    let differ = 0;
    for (let i = 0; i < 400; i++) if (choose(g, [i]) !== choose(g, [String(i)])) differ++;
    // If types were conflated none would differ; with independent hashes ~15/16 do.
    assert.ok(differ > 300, `only ${differ} of 400 number/string pairs went to different tasks`);
  });

  it('fields - -0 and 0 are the same key, and so is every NaN', () => {
    const g = fieldsGrouper(['k'], ['k']);
    assert.equal(stableHash(-0), stableHash(0));
    assert.equal(choose(g, [-0]), choose(g, [0]));
    assert.equal(stableHash(NaN), stableHash(Number('not a number')));
    assert.equal(stableHash(NaN), stableHash(0 / 0));
    assert.notEqual(stableHash(NaN), stableHash(0));
  });

  it('fields - a Buffer and a Uint8Array with the same bytes are the same key', () => {
    const g = fieldsGrouper(['k'], ['k']);
    for (let i = 0; i < 100; i++) {
      const bytes = [i, i * 7, 255 - i, 3];
      assert.equal(choose(g, [Buffer.from(bytes)]), choose(g, [new Uint8Array(bytes)]));
      assert.equal(stableHash(Buffer.from(bytes)), stableHash(new Uint8Array(bytes)));
    }
    assert.notEqual(stableHash(new Uint8Array([1, 2])), stableHash(new Uint8Array([2, 1])));
  });

  it('fields - object keys are compared by content, not by key order or identity', () => {
    const g = fieldsGrouper(['k'], ['k']);
    for (let i = 0; i < 100; i++) {
      const a = { id: i, name: `n${i}`, tags: ['x', i] };
      const b = { tags: ['x', i], name: `n${i}`, id: i };
      assert.equal(choose(g, [a]), choose(g, [b]));
      assert.equal(stableHash(a), stableHash(b));
    }
    assert.notEqual(stableHash({ a: 1, b: 2 }), stableHash({ a: 2, b: 1 }));
  });

  it('fields - a single task gets every key', () => {
    const g = fieldsGrouper(['k'], ['k'], [42]);
    for (const k of ['a', 1, null, { x: 1 }]) assert.equal(choose(g, [k]), 42);
  });

  it('fields - writes at the given offset', () => {
    const g = fieldsGrouper(['k'], ['k']);
    const out = [-1, -1, -1];
    assert.equal(g.choose(['hello'], out, 1), 1);
    assert.equal(out[0], -1);
    assert.equal(out[1], choose(g, ['hello']));
    assert.equal(out[2], -1);
  });
});
