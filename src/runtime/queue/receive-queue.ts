/**
 * A task's receive queue: a FIFO ring buffer with a soft bound. Producers check `isFull()` after
 * delivering and stop taking input while the queue they filled is over its capacity
 * (backpressure); a push never fails, so one `execute` can overshoot by its own emits, which keeps
 * emit synchronous and ordered. The ring grows (doubling) only when an overshoot needs the room.
 */
export class ReceiveQueue<T> {
  #buf: (T | undefined)[];
  #mask: number;
  #head = 0;
  #size = 0;
  /** The soft bound: producers stop when `size >= capacity`. */
  readonly capacity: number;
  /** Producers resume when `size <= resumeAt`. */
  readonly resumeAt: number;
  /**
   * Set by the consumer when a step left the queue at or below `resumeAt`; cleared by whoever
   * reports backpressure to other workers. Local producers resume at that moment and may refill
   * the queue before the report is made: the flag lets remote producers resume too, instead of
   * starving behind local ones.
   */
  lowSeen = false;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.resumeAt = Math.floor(capacity / 2);
    let n = 16;
    while (n < capacity) n *= 2;
    this.#buf = new Array<T | undefined>(n);
    this.#mask = n - 1;
  }

  get size(): number {
    return this.#size;
  }

  isEmpty(): boolean {
    return this.#size === 0;
  }

  isFull(): boolean {
    return this.#size >= this.capacity;
  }

  /** Appends `item`; returns the new size. */
  push(item: T): number {
    if (this.#size > this.#mask) this.#grow();
    this.#buf[(this.#head + this.#size) & this.#mask] = item;
    return ++this.#size;
  }

  /** The oldest item, left in the queue, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#buf[this.#head];
  }

  /** Removes and returns the oldest item, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const i = this.#head;
    const item = this.#buf[i];
    this.#buf[i] = undefined; // let the tuple be collected
    this.#head = (i + 1) & this.#mask;
    this.#size--;
    return item;
  }

  /** Removes every item (for a forced stop); returns how many there were. */
  clear(): number {
    const n = this.#size;
    while (this.#size > 0) this.shift();
    return n;
  }

  #grow(): void {
    const old = this.#buf;
    const n = old.length * 2;
    const buf = new Array<T | undefined>(n);
    for (let i = 0; i < this.#size; i++) buf[i] = old[(this.#head + i) & this.#mask];
    this.#buf = buf;
    this.#mask = n - 1;
    this.#head = 0;
  }
}
