import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import type { GroupingSpec } from '../../api/grouping.js';
import { AllGrouper } from './all-grouper.js';
import { createGrouper, type GrouperSite } from './create-grouper.js';
import type { Grouper } from './grouper.js';

const SITE: GrouperSite = {
  sourceComponent: 'spout',
  sourceStream: 'default',
  sourceTask: 1,
  outputFields: new Fields(['word', 'n']),
  targetComponent: 'bolt',
};

function build(spec: GroupingSpec, tasks: readonly number[], localTasks: readonly number[] = []): Grouper {
  const g = createGrouper(spec, { tasks, localTasks }, SITE);
  assert.ok(g !== null, `${spec.kind} grouping should have a grouper`);
  return g;
}

function route(grouper: Grouper, values: readonly unknown[]): number[] {
  const out: number[] = [];
  const n = grouper.choose(values, out, 0);
  return out.slice(0, n);
}

describe('all grouping', () => {
  it('all - every task gets every tuple', () => {
    const tasks = [3, 4, 5, 9];
    const g = build({ kind: 'all' }, tasks);
    for (const values of [
      ['a', 1],
      ['b', 2],
      [null, null],
    ])
      assert.deepEqual(route(g, values), tasks);
  });

  it('all - writes after the offset without touching earlier entries', () => {
    const out = [7, 7];
    assert.equal(new AllGrouper([1, 2, 3]).choose([], out, 1), 3);
    assert.deepEqual(out, [7, 1, 2, 3]);
  });
});

describe('global grouping', () => {
  it('global - the whole stream goes to the lowest task id', () => {
    const g = build({ kind: 'global' }, [4, 5, 6]);
    for (let i = 0; i < 20; i++) assert.deepEqual(route(g, [`w${i}`, i]), [4]);
  });

  it('global - the lowest id even when the tasks are given unsorted', () => {
    const g = build({ kind: 'global' }, [9, 3, 7, 5]);
    for (let i = 0; i < 20; i++) assert.deepEqual(route(g, [`w${i}`, i]), [3]);
  });
});

describe('direct grouping', () => {
  it('direct - has no grouper: the emitter names the task', () => {
    assert.equal(createGrouper({ kind: 'direct' }, { tasks: [1, 2], localTasks: [1] }, SITE), null);
  });
});

describe('createGrouper', () => {
  it('createGrouper - a fields grouping on a field the stream lacks is refused', () => {
    assert.throws(
      () =>
        createGrouper({ kind: 'fields', fields: new Fields(['nope']) }, { tasks: [1], localTasks: [] }, SITE),
      /nope/,
    );
  });

  it('createGrouper - every grouping sends only to consumer tasks', () => {
    const tasks = [20, 21, 22];
    const specs: GroupingSpec[] = [
      { kind: 'shuffle' },
      { kind: 'none' },
      { kind: 'localOrShuffle' },
      { kind: 'fields', fields: new Fields(['word']) },
      { kind: 'partialKey', fields: new Fields(['word']) },
      { kind: 'all' },
      { kind: 'global' },
      { kind: 'range', field: 'n', boundaries: [10, 20] },
    ];
    for (const spec of specs) {
      const g = build(spec, tasks, [21]);
      for (let i = 0; i < 60; i++) {
        const chosen = route(g, [`w${i}`, i]);
        assert.ok(chosen.length >= 1, `${spec.kind} chose no task`);
        for (const t of chosen) assert.ok(tasks.includes(t), `${spec.kind} chose task ${t}`);
      }
    }
  });
});
