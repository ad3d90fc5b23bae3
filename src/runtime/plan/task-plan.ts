/**
 * Task ids and executors of a topology, computed the same way in every process: components in
 * sorted id order get consecutive task ids from 1 (as Storm numbers them), Gale's own
 * (`__`-prefixed) components last, so that user task ids never depend on them; a component's tasks
 * are split into `parallelism` executors of contiguous ids, as evenly as possible.
 */
import type { ComponentDefinition } from '../../api/topology.js';

/** What a plan is made from: a user `Topology` or a `RuntimeTopology`. */
export interface PlanInput {
  readonly components: ReadonlyMap<string, ComponentDefinition>;
}

const isSystem = (id: string): boolean => id.startsWith('__');

export interface ExecutorPlan {
  readonly component: string;
  readonly taskIds: readonly number[];
}

export class TaskPlan {
  /** Task ids per component, ascending. */
  readonly componentTasks: ReadonlyMap<string, readonly number[]>;
  /** Component id per task id. */
  readonly taskComponent: ReadonlyMap<number, string>;
  /** Every executor, in component order. */
  readonly executors: readonly ExecutorPlan[];
  /** Highest task id. */
  readonly maxTaskId: number;

  constructor(readonly topology: PlanInput) {
    const componentTasks = new Map<string, number[]>();
    const taskComponent = new Map<number, string>();
    const executors: ExecutorPlan[] = [];
    let next = 1;
    const ids = [...topology.components.keys()].sort((a, b) =>
      isSystem(a) === isSystem(b) ? (a < b ? -1 : a > b ? 1 : 0) : isSystem(a) ? 1 : -1,
    );
    for (const id of ids) {
      const c = topology.components.get(id) as ComponentDefinition;
      const tasks: number[] = [];
      for (let i = 0; i < c.numTasks; i++) {
        tasks.push(next);
        taskComponent.set(next, id);
        next++;
      }
      componentTasks.set(id, tasks);
      const base = Math.floor(c.numTasks / c.parallelism);
      const extra = c.numTasks % c.parallelism;
      let at = 0;
      for (let e = 0; e < c.parallelism; e++) {
        const n = base + (e < extra ? 1 : 0);
        executors.push({ component: id, taskIds: tasks.slice(at, at + n) });
        at += n;
      }
    }
    this.componentTasks = componentTasks;
    this.taskComponent = taskComponent;
    this.executors = executors;
    this.maxTaskId = next - 1;
  }

  tasksOf(component: string): readonly number[] {
    return this.componentTasks.get(component) ?? [];
  }
}
