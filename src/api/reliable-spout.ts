/**
 * `ReliableSpout`: a spout that keeps every message it emitted until the message's tuple tree is
 * acked, and emits it again when the tree fails (or times out), up to a retry limit; after that
 * the message goes to `onDeadLetter`. Subclasses only say where messages come from.
 *
 * @module
 */
import { describeValue } from './describe-value.js';
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import { BaseSpout } from './spout.js';
import type { AnyStreams, DefaultValues, MessageId, OutputStreams } from './streams.js';

/** One message from the source: a unique id (among those in flight) and the tuple's values. */
export interface ReliableMessage<O extends OutputStreams> {
  readonly id: MessageId;
  readonly values: DefaultValues<O>;
}

/** Options of a {@link ReliableSpout}. */
export interface ReliableSpoutOptions {
  /** Emits again after a failure, at most this many times per message (default 3). */
  readonly maxRetries?: number;
}

interface InFlight<O extends OutputStreams> {
  readonly message: ReliableMessage<O>;
  attempts: number;
}

/**
 * Replays failed messages before taking new ones from the source, in the order they failed.
 *
 * @example
 * ```ts
 * const lines = ['first line', 'second line'];
 * class QueueSpout extends ReliableSpout<{ default: [line: string] }> {
 *   #next = 0;
 *   protected nextMessage() {
 *     const line = lines[this.#next];
 *     return line === undefined ? undefined : { id: this.#next++, values: [line] as [string] };
 *   }
 *   protected override onDeadLetter(message: ReliableMessage<{ default: [line: string] }>) {
 *     console.error('giving up on', message.id);
 *   }
 *   declareOutputFields(d: OutputFieldsDeclarer<{ default: [line: string] }>) { d.declare(['line']); }
 * }
 * ```
 */
export abstract class ReliableSpout<O extends OutputStreams = AnyStreams> extends BaseSpout<O> {
  readonly #maxRetries: number;
  readonly #inFlight = new Map<MessageId, InFlight<O>>();
  readonly #replay: InFlight<O>[] = [];

  constructor(options: ReliableSpoutOptions = {}) {
    super();
    const max = options.maxRetries ?? 3;
    if (!Number.isInteger(max) || max < 0)
      throw new RangeError(`maxRetries must be an integer >= 0, got ${max}`);
    this.#maxRetries = max;
  }

  /** The next message from the source, or `undefined` when none is ready. Must not block. */
  protected abstract nextMessage(): ReliableMessage<O> | undefined;

  /** Called when a message failed more than `maxRetries` times; it is then forgotten. */
  protected onDeadLetter(_message: ReliableMessage<O>, _attempts: number): void {}

  /** Called when a message's tuple tree completed; it is then forgotten. */
  protected onAcked(_message: ReliableMessage<O>): void {}

  /** Messages emitted and not yet acked or dead-lettered (including those waiting for replay). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  nextTuple(): void {
    const retry = this.#replay.shift();
    if (retry !== undefined) {
      retry.attempts++;
      this.collector.emit(retry.message.values, retry.message.id);
      return;
    }
    const message = this.nextMessage();
    if (message === undefined) return;
    if (this.#inFlight.has(message.id)) {
      throw new Error(
        `ReliableSpout: message id ${describeValue(message.id)} is already in flight; ids must be unique`,
      );
    }
    this.#inFlight.set(message.id, { message, attempts: 1 });
    this.collector.emit(message.values, message.id);
  }

  override ack(messageId: MessageId): void {
    const entry = this.#inFlight.get(messageId);
    if (entry === undefined) return;
    this.#inFlight.delete(messageId);
    this.onAcked(entry.message);
  }

  override fail(messageId: MessageId): void {
    const entry = this.#inFlight.get(messageId);
    if (entry === undefined) return;
    if (entry.attempts > this.#maxRetries) {
      this.#inFlight.delete(messageId);
      this.onDeadLetter(entry.message, entry.attempts);
      return;
    }
    this.#replay.push(entry);
  }

  abstract override declareOutputFields(declarer: OutputFieldsDeclarer<O>): void;
}
