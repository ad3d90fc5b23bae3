/**
 * The runtime's tuple. Hot path: one allocation per emitted tuple (this object; the values array
 * is the caller's), shared by every local destination of that emit. A tracked tuple (part of a
 * tuple tree, acking on) is never shared: each destination gets its own, with its own edge ids.
 */
import { GaleError } from '../../api/errors.js';
import type { Fields } from '../../api/fields.js';
import type { Tuple } from '../../api/tuple.js';
import { SYSTEM_COMPONENT, TICK_STREAM } from '../../api/tuple.js';
import type { AnyTupleShape } from '../../api/streams.js';
import type { StreamSchema } from './stream-schema.js';

export class TupleImpl implements Tuple<AnyTupleShape> {
  /**
   * Tuple-tree tracking (acking on), inline so that a tracked tuple costs no extra allocation:
   * the root of the tree this tuple belongs to (`-1`: untracked), and the 64-bit ack value for it
   * as two int32 halves. The ack value starts as this tuple's own edge id and is XORed with the
   * edge id of every tuple anchored to it; `ack` sends it to the acker (docs/design/acking.md).
   */
  root = -1;
  hi = 0;
  lo = 0;
  /** Further roots (anchored to several trees): root, hi, lo for each; `null` for one or none. */
  more: number[] | null = null;
  /** Acked or failed already (a tracked tuple is acked or failed once; later calls are ignored). */
  done = false;

  constructor(
    readonly values: readonly unknown[],
    readonly schema: StreamSchema,
    readonly sourceTask: number,
  ) {}

  /** Whether this tuple belongs to a tracked tree. */
  get tracked(): boolean {
    return this.root >= 0;
  }

  /** The tracking as one array (root, hi, lo per root), for the wire; `null` when untracked. */
  trackArray(): number[] | null {
    if (this.root < 0) return null;
    const head = [this.root, this.hi, this.lo];
    return this.more === null ? head : head.concat(this.more);
  }

  /** Sets the tracking from {@link TupleImpl.trackArray}'s form. */
  setTrack(track: readonly number[]): void {
    this.root = track[0]!;
    this.hi = track[1]!;
    this.lo = track[2]!;
    this.more = track.length > 3 ? track.slice(3) : null;
  }

  get fields(): Fields {
    return this.schema.fields;
  }

  get sourceComponent(): string {
    return this.schema.component;
  }

  get sourceStream(): string {
    return this.schema.stream;
  }

  get size(): number {
    return this.values.length;
  }

  get(name: string): unknown {
    const i = this.schema.fields.indexOf(name);
    if (i < 0) {
      throw new GaleError(
        'UNKNOWN_FIELD',
        `tuple from '${this.schema.component}.${this.schema.stream}' has no field '${name}' (it has ${this.schema.fields.toString()})`,
        { details: { component: this.schema.component, stream: this.schema.stream, field: name } },
      );
    }
    return this.values[i];
  }

  getValue(i: number): unknown {
    return this.values[i];
  }

  contains(name: string): boolean {
    return this.schema.fields.contains(name);
  }

  isTick(): boolean {
    return this.schema.component === SYSTEM_COMPONENT && this.schema.stream === TICK_STREAM;
  }

  toString(): string {
    return `${this.schema.component}.${this.schema.stream}@${this.sourceTask}${JSON.stringify(this.values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;
  }
}
