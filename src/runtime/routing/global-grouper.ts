import type { Grouper } from './grouper.js';

/** Global: the whole stream goes to the consumer task with the lowest id. */
export class GlobalGrouper implements Grouper {
  readonly #task: number;

  constructor(tasks: readonly number[]) {
    if (tasks.length === 0) throw new Error('global grouping needs at least one task');
    this.#task = Math.min(...tasks);
  }

  choose(_values: readonly unknown[], out: number[], offset: number): number {
    out[offset] = this.#task;
    return 1;
  }
}
