import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaleError } from '../../api/errors.js';
import { Fields } from '../../api/fields.js';
import type { CustomStreamGrouping, GroupingContext } from '../../api/grouping.js';
import { createGrouper } from './create-grouper.js';
import type { Grouper } from './grouper.js';

const FIELDS = new Fields(['word', 'n']);

function customGrouper(
  factory: () => CustomStreamGrouping,
  tasks: readonly number[],
  localTasks: readonly number[] = [],
): Grouper {
  const g = createGrouper(
    { kind: 'custom', factory },
    { tasks, localTasks },
    {
      sourceComponent: 'split',
      sourceStream: 'words',
      sourceTask: 3,
      outputFields: FIELDS,
      targetComponent: 'count',
    },
  );
  assert.ok(g !== null);
  return g;
}

function route(grouper: Grouper, values: readonly unknown[]): number[] {
  const out: number[] = [];
  const n = grouper.choose(values, out, 0);
  return out.slice(0, n);
}

/** Sends each tuple to the tasks listed in its `n` field, and records what it was told. */
class ListedTasks implements CustomStreamGrouping {
  context: GroupingContext | undefined;
  tasks: readonly number[] = [];
  readonly calls: [number, readonly unknown[]][] = [];

  prepare(context: GroupingContext, targetTasks: readonly number[]): void {
    this.context = context;
    this.tasks = targetTasks;
  }

  chooseTasks(sourceTaskId: number, values: readonly unknown[]): readonly number[] {
    this.calls.push([sourceTaskId, values]);
    const n = values[1];
    return Array.isArray(n) ? n.filter((t): t is number => typeof t === 'number') : [];
  }
}

describe('custom grouping', () => {
  it('custom - prepare gets the context and the consumer tasks before the first tuple', () => {
    const made: ListedTasks[] = [];
    customGrouper(
      () => {
        const g = new ListedTasks();
        made.push(g);
        return g;
      },
      [4, 5, 6],
      [5],
    );
    assert.equal(made.length, 1, 'one instance per grouper');
    const g = made[0]!;
    assert.deepEqual(g.tasks, [4, 5, 6]);
    assert.deepEqual(g.calls, []);
    assert.ok(g.context !== undefined);
    assert.equal(g.context.sourceComponent, 'split');
    assert.equal(g.context.sourceStream, 'words');
    assert.equal(g.context.targetComponent, 'count');
    assert.deepEqual(g.context.outputFields.names, ['word', 'n']);
    assert.deepEqual(g.context.localTargetTasks, [5]);
  });

  it('custom - the tasks it returns are used, with the source task and values passed in', () => {
    const inner = new ListedTasks();
    const g = customGrouper(() => inner, [4, 5, 6]);
    assert.deepEqual(route(g, ['a', [6]]), [6]);
    assert.deepEqual(route(g, ['b', [4, 6]]), [4, 6]);
    assert.deepEqual(route(g, ['c', []]), []);
    assert.deepEqual(route(g, ['d', [5, 4, 6]]), [5, 4, 6]);
    assert.deepEqual(
      inner.calls.map(([task, values]) => [task, values[0]]),
      [
        [3, 'a'],
        [3, 'b'],
        [3, 'c'],
        [3, 'd'],
      ],
    );
  });

  it('custom - returned tasks are written after the offset', () => {
    const g = customGrouper(() => new ListedTasks(), [4, 5, 6]);
    const out = [-1];
    assert.equal(g.choose(['a', [5, 6]], out, 1), 2);
    assert.deepEqual(out, [-1, 5, 6]);
  });

  it('custom - a task outside the consumer tasks throws a GaleError naming the stream and task', () => {
    const g = customGrouper(() => new ListedTasks(), [4, 5, 6]);
    for (const bad of [[7], [4, 99], [-1]]) {
      assert.throws(
        () => route(g, ['a', bad]),
        (err: unknown) => {
          assert.ok(err instanceof GaleError, `not a GaleError: ${String(err)}`);
          assert.equal(err.code, 'INVALID_DIRECT_TASK');
          assert.equal(err.details.component, 'split');
          assert.equal(err.details.stream, 'words');
          assert.equal(err.details.taskId, bad[bad.length - 1]);
          assert.match(err.message, /count/);
          return true;
        },
      );
    }
  });
});
