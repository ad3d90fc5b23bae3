/**
 * Bolts: the processors of a topology. A {@link Bolt} acks or fails every input itself; a
 * {@link BasicBolt} has its emits anchored and its inputs acked automatically.
 *
 * @module
 */
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import type { BasicOutputCollector, OutputCollector } from './output-collector.js';
import type { AnyStreams, AnyTupleShape, OutputStreams, TupleShape } from './streams.js';
import type { Tuple } from './tuple.js';
import type { TopologyContext } from './topology-context.js';

/**
 * A processor of tuples (Storm's `IRichBolt`). `I` describes the input fields, `O` the output
 * streams. `execute` is synchronous; every input must be acked or failed through the collector.
 */
export interface Bolt<I extends TupleShape = AnyTupleShape, O extends OutputStreams = AnyStreams> {
  /** Called once before the first tuple. */
  prepare(context: TopologyContext, collector: OutputCollector<O>): void;
  /** Processes one input tuple. Throwing fails the tuple and records the error; the bolt keeps running. */
  execute(tuple: Tuple<I>): void;
  /** Called once when the bolt is shut down. */
  cleanup(): void;
  /** Declares the streams this bolt emits on. */
  declareOutputFields(declarer: OutputFieldsDeclarer<O>): void;
}

/**
 * A bolt with defaults: `prepare` keeps the collector and context in `this.collector` and
 * `this.context`; no outputs unless `declareOutputFields` is overridden.
 */
export abstract class BaseBolt<
  I extends TupleShape = AnyTupleShape,
  O extends OutputStreams = AnyStreams,
> implements Bolt<I, O> {
  /** Set by `prepare`. */
  protected collector!: OutputCollector<O>;
  /** Set by `prepare`. */
  protected context!: TopologyContext;

  prepare(context: TopologyContext, collector: OutputCollector<O>): void {
    this.context = context;
    this.collector = collector;
  }
  abstract execute(tuple: Tuple<I>): void;
  cleanup(): void {}
  declareOutputFields(_declarer: OutputFieldsDeclarer<O>): void {}
}

/**
 * A bolt whose emits are anchored to the input and whose input is acked when `execute` returns
 * (Storm's `IBasicBolt`). Throwing from `execute` fails the input.
 */
export interface BasicBolt<I extends TupleShape = AnyTupleShape, O extends OutputStreams = AnyStreams> {
  /** Marks this object as a basic bolt (set by {@link BaseBasicBolt}). */
  readonly basic: true;
  /** Called once before the first tuple. */
  prepare(context: TopologyContext): void;
  /** Processes one input tuple; emits through `collector`. */
  execute(tuple: Tuple<I>, collector: BasicOutputCollector<O>): void;
  /** Called once when the bolt is shut down. */
  cleanup(): void;
  /** Declares the streams this bolt emits on. */
  declareOutputFields(declarer: OutputFieldsDeclarer<O>): void;
}

/**
 * A basic bolt with defaults.
 *
 * @example
 * ```ts
 * class Split extends BaseBasicBolt<{ sentence: string }, { default: [word: string] }> {
 *   execute(t: Tuple<{ sentence: string }>, c: BasicOutputCollector<{ default: [word: string] }>) {
 *     for (const w of t.get('sentence').split(' ')) c.emit([w]);
 *   }
 *   override declareOutputFields(d: OutputFieldsDeclarer<{ default: [word: string] }>) {
 *     d.declare(['word']);
 *   }
 * }
 * ```
 */
export abstract class BaseBasicBolt<
  I extends TupleShape = AnyTupleShape,
  O extends OutputStreams = AnyStreams,
> implements BasicBolt<I, O> {
  readonly basic = true as const;
  /** Set by `prepare`. */
  protected context!: TopologyContext;

  prepare(context: TopologyContext): void {
    this.context = context;
  }
  abstract execute(tuple: Tuple<I>, collector: BasicOutputCollector<O>): void;
  cleanup(): void {}
  declareOutputFields(_declarer: OutputFieldsDeclarer<O>): void {}
}

/** Whether `bolt` is a {@link BasicBolt} rather than a {@link Bolt}. */
export function isBasicBolt(bolt: Bolt | BasicBolt): bolt is BasicBolt {
  return (bolt as { basic?: unknown }).basic === true;
}
