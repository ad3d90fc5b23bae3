/**
 * `Tuple`: one record flowing on a stream, with named fields.
 *
 * @module
 */
import type { Fields } from './fields.js';
import type { AnyTupleShape, TupleShape } from './streams.js';

/** The component id of Gale's own system component, the source of tick tuples. */
export const SYSTEM_COMPONENT = '__system';
/** The stream id of tick tuples. */
export const TICK_STREAM = '__tick';
/** The task id of the system component. */
export const SYSTEM_TASK = -1;

/**
 * A tuple as a bolt receives it. `V` describes its fields (name to value type) so that
 * `get('word')` is typed; leave it out for `unknown` values.
 *
 * @example
 * ```ts
 * class Lengths extends BaseBasicBolt<{ word: string }, { default: [length: number] }> {
 *   execute(tuple: Tuple<{ word: string }>, c: BasicOutputCollector<{ default: [length: number] }>) {
 *     const word = tuple.get('word'); // typed: string
 *     c.emit([word.length]);
 *   }
 * }
 * ```
 */
export interface Tuple<V extends TupleShape = AnyTupleShape> {
  /** The values, in the order of {@link Tuple.fields}. */
  readonly values: readonly unknown[];
  /** The schema of the stream this tuple came on. */
  readonly fields: Fields;
  /** The id of the component that emitted this tuple. */
  readonly sourceComponent: string;
  /** The stream this tuple was emitted on. */
  readonly sourceStream: string;
  /** The task that emitted this tuple. */
  readonly sourceTask: number;
  /** Number of values. */
  readonly size: number;
  /** The value of field `name`; throws a `GaleError` (`UNKNOWN_FIELD`) when the stream has no such field. */
  get<K extends keyof V & string>(name: K): V[K];
  /** The value at position `i` (`undefined` past the end). */
  getValue(i: number): unknown;
  /** Whether the stream of this tuple has a field called `name`. */
  contains(name: string): boolean;
  /** Whether this is a tick tuple from the system component. */
  isTick(): boolean;
}

/** Whether `tuple` is a tick tuple (Storm's `TupleUtils.isTick`). */
export function isTickTuple(tuple: Tuple): boolean {
  return tuple.sourceComponent === SYSTEM_COMPONENT && tuple.sourceStream === TICK_STREAM;
}
