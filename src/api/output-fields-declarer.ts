/**
 * `OutputFieldsDeclarer`: how a component declares the streams it emits on.
 *
 * @module
 */
import type { Fields } from './fields.js';
import type { AnyStreams, DefaultValues, FieldNamesFor, OutputStreams, StreamId } from './streams.js';

/** Options of a declared stream. */
export interface StreamOptions {
  /** A direct stream: the emitter picks the consumer task with `emitDirect`. */
  readonly direct?: boolean;
}

/**
 * Passed to `declareOutputFields`. With a typed component, the field names must match the number
 * of values the stream's type says each tuple has.
 *
 * @example
 * ```ts
 * type Out = { default: [word: string, count: number]; totals: [count: number] };
 * class Counter extends BaseBolt<{ word: string }, Out> {
 *   execute(t: Tuple<{ word: string }>) {
 *     this.collector.emit([t.get('word'), 1]);
 *     this.collector.ack(t);
 *   }
 *   override declareOutputFields(d: OutputFieldsDeclarer<Out>) {
 *     d.declare(['word', 'count']); // one name per value of the stream's type
 *     d.declareStream('totals', ['count']);
 *   }
 * }
 * ```
 */
export interface OutputFieldsDeclarer<O extends OutputStreams = AnyStreams> {
  /** Declares the default stream. */
  declare(fields: FieldNamesFor<DefaultValues<O>> | Fields, options?: StreamOptions): void;
  /** Declares stream `streamId`. */
  declareStream<S extends StreamId<O>>(
    streamId: S,
    fields: FieldNamesFor<O[S]> | Fields,
    options?: StreamOptions,
  ): void;
}
