import type { Grouper } from './grouper.js';
import { stableHash, stableHashOf } from './stable-hash.js';

/** Fields: the stable hash of the key fields picks the task, so equal keys meet on one task. */
export class FieldsGrouper implements Grouper {
  constructor(
    private readonly tasks: readonly number[],
    private readonly keyIndices: readonly number[],
  ) {
    this.#single = keyIndices.length === 1 ? keyIndices[0]! : -1;
  }

  readonly #single: number;

  choose(values: readonly unknown[], out: number[], offset: number): number {
    // One key field is the common case: hash it directly (same result as stableHashOf).
    const h = this.#single >= 0 ? stableHash(values[this.#single]) : stableHashOf(values, this.keyIndices);
    out[offset] = this.tasks[h % this.tasks.length]!;
    return 1;
  }
}
