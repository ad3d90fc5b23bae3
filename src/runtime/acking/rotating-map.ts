/**
 * Storm's `RotatingMap`: keys live in one of `buckets` generations. `put` goes into the newest,
 * `rotate()` drops the oldest and returns what was in it (the expired entries). With the rotation
 * driven every T, an entry expires between (buckets - 1) * T and buckets * T after its last `put`:
 * timeouts with no timer per entry, and constant work per operation.
 */
export class RotatingMap<K, V> {
  #buckets: Map<K, V>[];

  constructor(buckets: number) {
    if (!Number.isInteger(buckets) || buckets < 2)
      throw new RangeError(`buckets must be an integer >= 2, got ${buckets}`);
    this.#buckets = Array.from({ length: buckets }, () => new Map<K, V>());
  }

  get size(): number {
    let n = 0;
    for (const b of this.#buckets) n += b.size;
    return n;
  }

  has(key: K): boolean {
    for (const b of this.#buckets) if (b.has(key)) return true;
    return false;
  }

  get(key: K): V | undefined {
    const buckets = this.#buckets;
    for (let i = 0; i < buckets.length; i++) {
      const v = buckets[i]!.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Stores `value` in the newest generation (moving the key there: its timeout restarts). */
  put(key: K, value: V): void {
    const buckets = this.#buckets;
    buckets[0]!.set(key, value);
    for (let i = 1; i < buckets.length; i++) buckets[i]!.delete(key);
  }

  /** Stores `value` for a key known to be absent, in the newest generation. */
  add(key: K, value: V): void {
    this.#buckets[0]!.set(key, value);
  }

  /** Updates `key` where it is, without restarting its timeout; returns false if absent. */
  update(key: K, value: V): boolean {
    for (const b of this.#buckets) {
      if (b.has(key)) {
        b.set(key, value);
        return true;
      }
    }
    return false;
  }

  /** Removes `key`; returns its value, if it was present. */
  remove(key: K): V | undefined {
    const buckets = this.#buckets;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      const v = b.get(key);
      if (v !== undefined || b.has(key)) {
        b.delete(key);
        return v;
      }
    }
    return undefined;
  }

  /** Drops the oldest generation and returns its entries (the ones that timed out). */
  rotate(): Map<K, V> {
    const expired = this.#buckets.pop()!;
    this.#buckets.unshift(new Map<K, V>());
    return expired;
  }
}
