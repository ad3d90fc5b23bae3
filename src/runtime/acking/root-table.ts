/**
 * A hash table of root ids for the acking bookkeeping, with timeouts by generation. It replaces a
 * `Map` per generation (Storm's `RotatingMap`) because those cost, per root, an entry object, a
 * boxed double and map rehashing: at a million roots a second that was a fifth of the acked
 * throughput. Here every entry lives in one `Float64Array` (open addressing, linear probing,
 * backward-shift deletion): per slot the root id, its generation and `width` numbers, plus an
 * optional object column (a spout's message ids). No allocation per root.
 *
 * Timeouts: `rotate()` starts a new generation; an entry added (or touched) in generation g is
 * expired by the rotation that makes the current generation g + `generations`. With a rotation
 * every T, an entry lives between (generations - 1) T and generations T.
 */
const EMPTY = -1; // root ids are >= 0
const HEADER = 2; // root, generation

export class RootTable<T = never> {
  readonly #width: number;
  readonly #stride: number;
  readonly #generations: number;
  readonly #withObjects: boolean;
  #data: Float64Array;
  #objects: (T | undefined)[];
  #mask: number;
  #size = 0;
  #generation = 0;

  /**
   * @param width - numbers stored per entry besides its root id.
   * @param generations - rotations an entry survives (see the module comment); at least 2.
   * @param withObjects - whether each entry also holds an object.
   */
  constructor(width: number, generations: number, withObjects = false, capacity = 1024) {
    if (!Number.isInteger(generations) || generations < 2)
      throw new RangeError(`generations must be an integer >= 2, got ${generations}`);
    if (!Number.isInteger(capacity) || capacity < 8 || (capacity & (capacity - 1)) !== 0)
      throw new RangeError(`capacity must be a power of two >= 8, got ${capacity}`);
    this.#width = width;
    this.#stride = HEADER + width;
    this.#generations = generations;
    this.#withObjects = withObjects;
    this.#data = RootTable.#emptyData(capacity, this.#stride);
    this.#objects = withObjects ? new Array<T | undefined>(capacity) : [];
    this.#mask = capacity - 1;
  }

  static #emptyData(capacity: number, stride: number): Float64Array {
    const data = new Float64Array(capacity * stride);
    for (let i = 0; i < data.length; i += stride) data[i] = EMPTY;
    return data;
  }

  /** Entries in the table. */
  get size(): number {
    return this.#size;
  }

  /** The slot of `root`, or -1. Slots stay valid until the next `add`, `remove` or `rotate`. */
  find(root: number): number {
    const data = this.#data;
    const stride = this.#stride;
    let slot = hash(root) & this.#mask;
    for (;;) {
      const key = data[slot * stride]!;
      if (key === root) return slot;
      if (key === EMPTY) return -1;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** Adds `root`, which must be absent, in the current generation; returns its slot (values 0). */
  add(root: number): number {
    if ((this.#size + 1) * 2 > this.#mask + 1) this.#grow();
    const data = this.#data;
    const stride = this.#stride;
    let slot = hash(root) & this.#mask;
    while (data[slot * stride] !== EMPTY) slot = (slot + 1) & this.#mask;
    const at = slot * stride;
    data[at] = root;
    data[at + 1] = this.#generation;
    for (let c = 0; c < this.#width; c++) data[at + HEADER + c] = 0;
    this.#size++;
    return slot;
  }

  /** Value `column` of the entry in `slot`. */
  get(slot: number, column: number): number {
    return this.#data[slot * this.#stride + HEADER + column]!;
  }

  set(slot: number, column: number, value: number): void {
    this.#data[slot * this.#stride + HEADER + column] = value;
  }

  /** The object of the entry in `slot`. */
  object(slot: number): T | undefined {
    return this.#objects[slot];
  }

  setObject(slot: number, value: T): void {
    this.#objects[slot] = value;
  }

  /** The root id in `slot`. */
  root(slot: number): number {
    return this.#data[slot * this.#stride]!;
  }

  /** Moves the entry in `slot` to the current generation: its timeout restarts. */
  touch(slot: number): void {
    this.#data[slot * this.#stride + 1] = this.#generation;
  }

  /** Removes the entry in `slot` (backward-shift deletion: no tombstones). */
  remove(slot: number): void {
    const data = this.#data;
    const stride = this.#stride;
    const mask = this.#mask;
    const objects = this.#objects;
    let hole = slot;
    let next = (hole + 1) & mask;
    for (;;) {
      const key = data[next * stride]!;
      if (key === EMPTY) break;
      const home = hash(key) & mask;
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        data.copyWithin(hole * stride, next * stride, next * stride + stride);
        if (this.#withObjects) objects[hole] = objects[next];
        hole = next;
      }
      next = (next + 1) & mask;
    }
    data[hole * stride] = EMPTY;
    if (this.#withObjects) objects[hole] = undefined;
    this.#size--;
  }

  /**
   * Starts a new generation and removes the entries it expires, calling `expired` with each
   * one's slot before it goes (read its values and object there).
   */
  rotate(expired?: (slot: number) => void): number {
    this.#generation++;
    const oldest = this.#generation - this.#generations;
    const data = this.#data;
    const stride = this.#stride;
    const roots: number[] = [];
    for (let at = 0; at < data.length; at += stride) {
      if (data[at] !== EMPTY && data[at + 1]! <= oldest) roots.push(data[at]!);
    }
    for (const root of roots) {
      const slot = this.find(root);
      expired?.(slot);
      this.remove(slot);
    }
    return roots.length;
  }

  #grow(): void {
    const oldData = this.#data;
    const oldObjects = this.#objects;
    const stride = this.#stride;
    const capacity = (this.#mask + 1) * 2;
    this.#data = RootTable.#emptyData(capacity, stride);
    this.#objects = this.#withObjects ? new Array<T | undefined>(capacity) : [];
    this.#mask = capacity - 1;
    const data = this.#data;
    for (let at = 0, old = 0; at < oldData.length; at += stride, old++) {
      const root = oldData[at]!;
      if (root === EMPTY) continue;
      let slot = hash(root) & this.#mask;
      while (data[slot * stride] !== EMPTY) slot = (slot + 1) & this.#mask;
      data.set(oldData.subarray(at, at + stride), slot * stride);
      if (this.#withObjects) this.#objects[slot] = oldObjects[old];
    }
  }
}

/** Mixes a root id (a safe integer: task * 2^32 + counter) into 31 bits. */
function hash(root: number): number {
  const lo = root >>> 0;
  const hi = (root / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}
