import type { Grouper } from './grouper.js';
import { stableHashOf } from './stable-hash.js';

/** Fields: the stable hash of the key fields picks the task, so equal keys meet on one task. */
export class FieldsGrouper implements Grouper {
  constructor(
    private readonly tasks: readonly number[],
    private readonly keyIndices: readonly number[],
  ) {}

  choose(values: readonly unknown[], out: number[], offset: number): number {
    out[offset] = this.tasks[stableHashOf(values, this.keyIndices) % this.tasks.length]!;
    return 1;
  }
}
