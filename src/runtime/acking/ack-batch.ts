/**
 * Reports bound for the ackers, collected per acker during a step and sent as one tuple each: a
 * flat array of (root, hi, lo) triples. The acker of a root is fixed by the root id (root modulo
 * the number of ackers, as `RootGrouper` routes single reports), so every report of a root meets
 * the same ledger.
 */
import type { Emitter } from '../collector/emitter.js';
import type { Route } from '../collector/route.js';

export class AckBatch {
  #packed: number[][];

  constructor(
    private readonly emitter: Emitter,
    private readonly route: Route,
    private readonly ackerTasks: readonly number[],
  ) {
    if (ackerTasks.length === 0) throw new Error('acking needs at least one acker task');
    this.#packed = ackerTasks.map(() => []);
  }

  /** Adds one report of `root`. */
  add(root: number, hi: number, lo: number): void {
    const n = this.ackerTasks.length;
    const packed = this.#packed[n === 1 ? 0 : root % n]!;
    if (packed.length === 0) this.emitter.ensureSlice(); // made outside a slice: one must flush it
    packed.push(root, hi, lo);
  }

  /** Sends what was collected, one tuple per acker; returns whether anything went out. */
  flush(): boolean {
    let sent = false;
    const all = this.#packed;
    for (let i = 0; i < all.length; i++) {
      const packed = all[i]!;
      if (packed.length === 0) continue;
      all[i] = [];
      this.emitter.emitSystemTo(this.route, this.ackerTasks[i]!, [packed]);
      sent = true;
    }
    return sent;
  }
}
