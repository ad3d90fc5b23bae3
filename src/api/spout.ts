/**
 * Spouts: the sources of a topology.
 *
 * @module
 */
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import type { SpoutOutputCollector } from './output-collector.js';
import type { AnyStreams, MessageId, OutputStreams } from './streams.js';
import type { TopologyContext } from './topology-context.js';

/**
 * A source of tuples. Every method is called on one thread, one at a time: `nextTuple` must not
 * block; it emits zero or more tuples and returns. Gale calls it again while downstream has room.
 */
export interface Spout<O extends OutputStreams = AnyStreams> {
  /** Called once before anything else, with this task's context and collector. */
  open(context: TopologyContext, collector: SpoutOutputCollector<O>): void;
  /** Emits the next tuple(s), or nothing when none is ready. Must not block. */
  nextTuple(): void;
  /** The tuple tree emitted with `messageId` was fully processed. */
  ack(messageId: MessageId): void;
  /** The tuple tree emitted with `messageId` failed or timed out. */
  fail(messageId: MessageId): void;
  /** The spout is about to be polled again after a deactivation. */
  activate(): void;
  /** The spout will not be polled until activated again. */
  deactivate(): void;
  /** Called once when the spout is shut down. */
  close(): void;
  /** Declares the streams this spout emits on. */
  declareOutputFields(declarer: OutputFieldsDeclarer<O>): void;
}

/**
 * A spout with do-nothing defaults; `open` keeps the collector and context in `this.collector`
 * and `this.context`. Override `open` only if you need to, and call `super.open` when you do.
 *
 * @example
 * ```ts
 * class Numbers extends BaseSpout<{ default: [n: number] }> {
 *   #n = 0;
 *   nextTuple() { this.collector.emit([this.#n++]); }
 *   declareOutputFields(d: OutputFieldsDeclarer<{ default: [n: number] }>) { d.declare(['n']); }
 * }
 * ```
 */
export abstract class BaseSpout<O extends OutputStreams = AnyStreams> implements Spout<O> {
  /** Set by `open`. */
  protected collector!: SpoutOutputCollector<O>;
  /** Set by `open`. */
  protected context!: TopologyContext;

  open(context: TopologyContext, collector: SpoutOutputCollector<O>): void {
    this.context = context;
    this.collector = collector;
  }
  abstract nextTuple(): void;
  ack(_messageId: MessageId): void {}
  fail(_messageId: MessageId): void {}
  activate(): void {}
  deactivate(): void {}
  close(): void {}
  abstract declareOutputFields(declarer: OutputFieldsDeclarer<O>): void;
}
