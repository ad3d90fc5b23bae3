/**
 * Type-level description of a component's output: stream ids mapped to the tuple of value types
 * emitted on them. It lets `emit` and `declareOutputFields` be checked by the compiler.
 *
 * @module
 */

/** The id of the stream used when none is named. */
export const DEFAULT_STREAM = 'default';

/**
 * A component's output streams: each stream id maps to the positional value types of its tuples.
 *
 * @example
 * ```ts
 * type SplitOut = { default: [word: string] };
 * type RouterOut = { default: [line: string]; errors: [line: string, reason: string] };
 * ```
 */
export type OutputStreams = { readonly [stream: string]: readonly unknown[] };

/** Output streams that are not described: any stream, any values. */
export type AnyStreams = { readonly [stream: string]: readonly unknown[] };

/** The stream ids of `O`. */
export type StreamId<O extends OutputStreams> = keyof O & string;

/**
 * The values of `O`'s default stream: any values when `O` is not described (an index signature),
 * `never` when `O` is described and declares no default stream.
 */
export type DefaultValues<O extends OutputStreams> = O extends {
  readonly default: infer V extends readonly unknown[];
}
  ? V
  : string extends keyof O
    ? readonly unknown[]
    : never;

/** One field name per value: a names tuple of the same length as the values tuple `V`. */
export type FieldNamesFor<V extends readonly unknown[]> = number extends V['length']
  ? readonly string[]
  : { readonly [K in keyof V]: string };

/** The shape of an input tuple: field name to value type. */
export type TupleShape = { readonly [field: string]: unknown };

/** An input tuple whose fields are not described: any field, `unknown` values. */
export type AnyTupleShape = { readonly [field: string]: unknown };

/** An opaque message id a spout attaches to a tuple to have it tracked. */
export type MessageId = string | number | bigint | boolean | object;
