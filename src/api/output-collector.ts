/**
 * The collectors through which spouts and bolts emit, ack and fail. The implementations live in
 * the runtime; every method here is synchronous and returns quickly (the hot path, STYLE.md H5).
 *
 * @module
 */
import type { Tuple } from './tuple.js';
import type { AnyStreams, DefaultValues, MessageId, OutputStreams, StreamId } from './streams.js';

/** What every collector offers. */
export interface ErrorReporter {
  /** Records an error for this component and task (shown by the CLI and UI); does not fail anything. */
  reportError(error: unknown): void;
}

/** What emits return on request: the task ids the last emit went to. */
export interface TaskIdsOfLastEmit {
  /**
   * The task ids the most recent emit of this collector was delivered to, as a new array.
   * Emits themselves return nothing so that they allocate nothing; ask here when you need them.
   */
  lastEmitTaskIds(): number[];
}

/**
 * A spout's collector. An emit with a `messageId` starts a tracked tuple tree: the spout's
 * `ack(messageId)` or `fail(messageId)` is called when it completes or fails.
 */
export interface SpoutOutputCollector<O extends OutputStreams = AnyStreams>
  extends ErrorReporter, TaskIdsOfLastEmit {
  /** Emits on the default stream. */
  emit(values: DefaultValues<O>, messageId?: MessageId): void;
  /** Emits on stream `stream`. */
  emit<S extends StreamId<O>>(stream: S, values: O[S], messageId?: MessageId): void;
  /** Emits on a direct stream to the consumer task `taskId`. */
  emitDirect(taskId: number, values: DefaultValues<O>, messageId?: MessageId): void;
  /** Emits on direct stream `stream` to the consumer task `taskId`. */
  emitDirect<S extends StreamId<O>>(taskId: number, stream: S, values: O[S], messageId?: MessageId): void;
}

/** One input tuple, or several (multi-anchoring), that an emitted tuple descends from. */
export type Anchors = Tuple | readonly Tuple[];

/**
 * A bolt's collector. Emits may name the input tuples they descend from (anchors); every input must
 * be acked or failed.
 */
export interface OutputCollector<O extends OutputStreams = AnyStreams>
  extends ErrorReporter, TaskIdsOfLastEmit {
  /** Emits unanchored on the default stream. */
  emit(values: DefaultValues<O>): void;
  /** Emits unanchored on stream `stream`. */
  emit<S extends StreamId<O>>(stream: S, values: O[S]): void;
  /** Emits on the default stream, anchored to `anchors`. */
  emit(anchors: Anchors, values: DefaultValues<O>): void;
  /** Emits on stream `stream`, anchored to `anchors`. */
  emit<S extends StreamId<O>>(stream: S, anchors: Anchors, values: O[S]): void;
  /** Emits on a direct stream (default) to consumer task `taskId`, optionally anchored. */
  emitDirect(taskId: number, values: DefaultValues<O>): void;
  emitDirect<S extends StreamId<O>>(taskId: number, stream: S, values: O[S]): void;
  emitDirect(taskId: number, anchors: Anchors, values: DefaultValues<O>): void;
  emitDirect<S extends StreamId<O>>(taskId: number, stream: S, anchors: Anchors, values: O[S]): void;
  /** Marks `tuple` as fully processed by this bolt. */
  ack(tuple: Tuple): void;
  /** Marks `tuple` as failed: its spout tuple will be failed (and usually replayed). */
  fail(tuple: Tuple): void;
  /** Restarts the message timeout of the tuple tree `tuple` belongs to. */
  resetTimeout(tuple: Tuple): void;
}

/**
 * A basic bolt's collector: every emit is anchored to the input tuple being executed, and that
 * input is acked when `execute` returns (or failed when it throws).
 */
export interface BasicOutputCollector<O extends OutputStreams = AnyStreams>
  extends ErrorReporter, TaskIdsOfLastEmit {
  emit(values: DefaultValues<O>): void;
  emit<S extends StreamId<O>>(stream: S, values: O[S]): void;
  emitDirect(taskId: number, values: DefaultValues<O>): void;
  emitDirect<S extends StreamId<O>>(taskId: number, stream: S, values: O[S]): void;
  /** Restarts the message timeout of the input tuple's tree. */
  resetTimeout(): void;
}
