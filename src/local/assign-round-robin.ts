import type { TaskPlan } from '../runtime/index.js';

/** Spreads executors over `workers` workers round-robin; returns each worker's task ids. */
export function assignRoundRobin(plan: TaskPlan, workers: number): number[][] {
  const tasks: number[][] = Array.from({ length: workers }, () => []);
  plan.executors.forEach((e, i) => tasks[i % workers]!.push(...e.taskIds));
  return tasks.map((t) => t.sort((a, b) => a - b));
}
