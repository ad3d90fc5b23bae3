import type { Grouper } from './grouper.js';

/**
 * Shuffle: a random permutation of the consumer tasks, walked round-robin and reshuffled after
 * each pass, so every task gets exactly its share in every window of `tasks.length` tuples.
 */
export class ShuffleGrouper implements Grouper {
  readonly #order: number[];
  #next = 0;

  constructor(
    tasks: readonly number[],
    private readonly random: () => number = Math.random,
  ) {
    if (tasks.length === 0) throw new Error('shuffle grouping needs at least one task');
    this.#order = [...tasks];
    this.#shuffle();
  }

  choose(_values: readonly unknown[], out: number[], offset: number): number {
    if (this.#next === this.#order.length) {
      this.#shuffle();
      this.#next = 0;
    }
    out[offset] = this.#order[this.#next++]!;
    return 1;
  }

  #shuffle(): void {
    const a = this.#order;
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}
