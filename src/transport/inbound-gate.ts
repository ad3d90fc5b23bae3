/**
 * The inbound side that the worker-port and TCP transports share: hands each message to the
 * worker's handler, or holds messages in order while inbound is paused, and counts what was
 * handed over per source, which is the credit owed to that sender (credit-based flow control).
 * It also keeps the handlers to call when a link becomes writable again.
 */
import type { TransportMessage } from '../runtime/messaging/messages.js';
import type { MessageHandler } from '../runtime/messaging/transport.js';

/** A sender as the receiving side sees it: credit is owed to it for what was handed over. */
export interface CreditSource {
  readonly peer: string;
  /** `n` more of its messages were handed to the worker. */
  consumed(n: number): void;
  /** Sends the credit owed, if any. */
  sendCredit(): void;
}

export class InboundGate {
  #handler: MessageHandler | null = null;
  #paused = false;
  #waiting: { source: CreditSource; message: TransportMessage }[] = [];
  readonly #writableHandlers: (() => void)[] = [];

  /** Messages held while paused. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Sets the handler. Messages that arrived before it (a peer connected and sent while this
   * worker was still building its executors) were held, and are handed over now, in order.
   */
  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
    if (!this.#paused && this.#waiting.length > 0) this.#flush();
  }

  deliver(source: CreditSource, message: TransportMessage): void {
    if (this.#paused || this.#handler === null) this.#waiting.push({ source, message });
    else this.#handOver(source, message);
  }

  pause(): void {
    this.#paused = true;
  }

  /** Hands over what waited, in order, then sends every source the credit it is owed. */
  resume(sources: Iterable<CreditSource>): void {
    this.#paused = false;
    if (this.#handler !== null) this.#flush();
    for (const s of sources) s.sendCredit();
  }

  /** Hands over what waited, in order, then pays those senders the credit owed. */
  #flush(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    const sources = new Set<CreditSource>();
    for (const w of waiting) {
      this.#handOver(w.source, w.message);
      sources.add(w.source);
    }
    for (const s of sources) s.sendCredit();
  }

  onWritable(handler: () => void): void {
    this.#writableHandlers.push(handler);
  }

  notifyWritable(): void {
    for (const h of this.#writableHandlers) h();
  }

  #handOver(source: CreditSource, message: TransportMessage): void {
    source.consumed(1);
    this.#handler!(source.peer, message);
  }
}
