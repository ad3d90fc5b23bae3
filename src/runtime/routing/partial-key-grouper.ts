import type { Grouper } from './grouper.js';
import { stableHashOf } from './stable-hash.js';

const SECOND_SEED = 0x5bd1e995;

/**
 * Partial key grouping ("the power of both choices", Nasir et al. 2015): each key has two
 * candidate tasks from two independent hashes; the one this emitter has sent fewer tuples to
 * gets it. A hot key is split over two tasks instead of overloading one. The second candidate is
 * drawn from the other tasks, so the two never coincide (else 1 key in n would not be split).
 */
export class PartialKeyGrouper implements Grouper {
  readonly #sent: Float64Array;

  constructor(
    private readonly tasks: readonly number[],
    private readonly keyIndices: readonly number[],
  ) {
    this.#sent = new Float64Array(tasks.length);
  }

  choose(values: readonly unknown[], out: number[], offset: number): number {
    const n = this.tasks.length;
    const a = stableHashOf(values, this.keyIndices) % n;
    let b = n > 1 ? stableHashOf(values, this.keyIndices, SECOND_SEED) % (n - 1) : a;
    if (n > 1 && b >= a) b++;
    const i = this.#sent[a]! <= this.#sent[b]! ? a : b;
    this.#sent[i]!++;
    out[offset] = this.tasks[i]!;
    return 1;
  }
}
