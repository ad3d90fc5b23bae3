import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wideTopology } from '../../../test/helpers/fixtures.js';
import { TaskPlan } from './task-plan.js';

function plan(): TaskPlan {
  // Declared out of order on purpose: ids are given in sorted component order.
  return new TaskPlan(wideTopology());
}

describe('TaskPlan', () => {
  it('TaskPlan - task ids run from 1 in sorted component order', () => {
    const p = plan();
    assert.deepEqual(p.tasksOf('alpha'), [1, 2]);
    assert.deepEqual(p.tasksOf('beta'), [3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(p.tasksOf('gamma'), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    assert.deepEqual(p.tasksOf('zeta'), [20, 21]);
    assert.equal(p.maxTaskId, 21);
    assert.deepEqual(p.tasksOf('nope'), []);
    for (const [component, tasks] of p.componentTasks)
      for (const t of tasks) assert.equal(p.taskComponent.get(t), component);
    assert.equal(p.taskComponent.size, 21);
  });

  it('TaskPlan - executors split a component into contiguous, even runs of tasks', () => {
    const p = plan();
    const of = (c: string) => p.executors.filter((e) => e.component === c).map((e) => [...e.taskIds]);
    assert.deepEqual(of('alpha'), [[1], [2]]);
    assert.deepEqual(of('beta'), [
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
    assert.deepEqual(of('gamma'), [
      [10, 11, 12],
      [13, 14, 15],
      [16, 17],
      [18, 19],
    ]);
    assert.deepEqual(of('zeta'), [[20], [21]]);
    assert.deepEqual(
      p.executors.map((e) => e.component),
      ['alpha', 'alpha', 'beta', 'beta', 'beta', 'gamma', 'gamma', 'gamma', 'gamma', 'zeta', 'zeta'],
      'executors in component order',
    );
  });

  it('TaskPlan - is the same in every process: two plans of one topology agree', () => {
    const a = plan();
    const b = plan();
    assert.deepEqual(a.executors, b.executors);
    assert.deepEqual([...a.componentTasks], [...b.componentTasks]);
  });
});
