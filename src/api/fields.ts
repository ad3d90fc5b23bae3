/**
 * `Fields`: the ordered, named schema of a stream's tuples.
 *
 * @module
 */

/**
 * An ordered list of field names with a fast name-to-position lookup. Immutable.
 *
 * @example
 * ```ts
 * const f = new Fields(['word', 'count']);
 * f.indexOf('count'); // 1
 * ```
 */
export class Fields implements Iterable<string> {
  readonly names: readonly string[];
  readonly #index: ReadonlyMap<string, number>;

  constructor(names: Iterable<string>) {
    const list = [...names];
    const index = new Map<string, number>();
    list.forEach((name, i) => {
      if (typeof name !== 'string' || name.length === 0) {
        throw new TypeError(`field names must be non-empty strings, got ${JSON.stringify(name)}`);
      }
      if (index.has(name)) throw new TypeError(`duplicate field name '${name}'`);
      index.set(name, i);
    });
    this.names = Object.freeze(list);
    this.#index = index;
  }

  /** Number of fields. */
  get size(): number {
    return this.names.length;
  }

  /** Position of `name`, or -1 when this schema has no such field. */
  indexOf(name: string): number {
    // Hot path (every `tuple.get`): most streams have a few fields, and names written in code are
    // interned, so a scan comparing by identity first beats a hash lookup.
    const names = this.names;
    if (names.length <= 8) {
      for (let i = 0; i < names.length; i++) if (names[i] === name) return i;
      return -1;
    }
    return this.#index.get(name) ?? -1;
  }

  /** Whether this schema has a field called `name`. */
  contains(name: string): boolean {
    return this.#index.has(name);
  }

  /** The name at position `i`, if any. */
  get(i: number): string | undefined {
    return this.names[i];
  }

  /** Picks the values of `selector`'s fields out of `values` laid out by this schema. */
  select(selector: Fields, values: readonly unknown[]): unknown[] {
    return selector.names.map((name) => {
      const i = this.indexOf(name);
      if (i < 0) throw new TypeError(`field '${name}' is not in [${this.names.join(', ')}]`);
      return values[i];
    });
  }

  [Symbol.iterator](): Iterator<string> {
    return this.names[Symbol.iterator]();
  }

  toString(): string {
    return `[${this.names.join(', ')}]`;
  }
}

/** Accepts either a {@link Fields} or a plain list of names. */
export type FieldsLike = Fields | readonly string[];

/** Normalises a {@link FieldsLike} into {@link Fields}. */
export function toFields(fields: FieldsLike): Fields {
  return fields instanceof Fields ? fields : new Fields(fields);
}
