/**
 * Routes acking messages to the acker that owns their root (`values[0]`): root id modulo the
 * number of ackers. Root ids count up per spout task, so roots spread evenly, and every message
 * of one root, from any task in any worker, reaches the same acker. Cheaper than a fields
 * grouping: no hash of the value.
 */
import type { Grouper } from '../routing/grouper.js';

export class RootGrouper implements Grouper {
  constructor(private readonly tasks: readonly number[]) {
    if (tasks.length === 0) throw new Error('RootGrouper needs at least one acker task');
  }

  choose(values: readonly unknown[], out: number[], offset: number): number {
    const root = values[0] as number;
    const tasks = this.tasks;
    out[offset] = tasks.length === 1 ? tasks[0]! : tasks[root % tasks.length]!;
    return 1;
  }
}
