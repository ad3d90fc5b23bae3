/**
 * Root ids of one spout task: the task id times 2^32 plus a counter. Unique among pending roots
 * (the counter would have to wrap, 4 billion emits, while a root is still pending), a safe integer,
 * and cheap as a `Map` key.
 *
 * The counter starts at a random point. A spout task that starts again (its worker restarted in
 * cluster mode) must not reuse the root ids of its previous process: ackers elsewhere may still
 * hold entries for those, and a new tree XORed into an old entry would never complete.
 */
const SPAN = 2 ** 32;
const MAX_TASK = 2 ** 20; // task * 2^32 + counter stays below 2^53

export class RootIds {
  readonly #base: number;
  #counter = 0;

  constructor(taskId: number, start = Math.floor(Math.random() * SPAN)) {
    if (!Number.isInteger(taskId) || taskId < 0 || taskId >= MAX_TASK) {
      throw new RangeError(`task id must be an integer in [0, ${MAX_TASK}), got ${taskId}`);
    }
    this.#base = taskId * SPAN;
    this.#counter = start % SPAN;
  }

  next(): number {
    const id = this.#base + this.#counter;
    this.#counter = this.#counter === SPAN - 1 ? 0 : this.#counter + 1;
    return id;
  }

  /** The spout task a root id belongs to. */
  static taskOf(root: number): number {
    return Math.floor(root / SPAN);
  }
}
