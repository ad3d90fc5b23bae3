/**
 * The transport contract (STYLE.md H4): how one worker's runtime exchanges messages with other
 * workers. Implementations: in-process (workers sharing a thread, in src/transport/in-process);
 * worker threads and TCP follow. One conformance suite (test/contracts) runs against each.
 *
 * Guarantees every implementation keeps:
 * - order: messages from one sender to one receiver arrive in the order sent;
 * - no loss while both ends are open; `close()` delivers what was sent before it;
 * - flow control: a receiver that pauses its inbound side makes its senders' links report
 *   `writable === false` once their unacknowledged messages pass a bound, so producers stop
 *   instead of growing memory; `resumeInbound()` lets them continue.
 */
import type { TransportMessage } from './messages.js';

/** The sending side of one worker-to-worker channel. */
export interface WorkerLink {
  /** The receiving worker. */
  readonly peer: string;
  /** Sends `message` (never blocks; check `writable` to respect flow control). */
  send(message: TransportMessage): void;
  /** False while the peer's inbound is paused and this link has too much in flight. */
  readonly writable: boolean;
}

/** Called with each inbound message, in order per sender. */
export type MessageHandler = (from: string, message: TransportMessage) => void;

/** One worker's endpoint. */
export interface Transport {
  readonly workerId: string;
  /** Sets the handler for inbound messages (one per endpoint). */
  onMessage(handler: MessageHandler): void;
  /** The link to `peer` (the same object on every call). */
  link(peer: string): WorkerLink;
  /** Stops handing inbound messages to the handler; they wait in order. */
  pauseInbound(): void;
  /** Hands waiting inbound messages to the handler again. */
  resumeInbound(): void;
  /** Calls `handler` whenever a link that was not writable becomes writable again. */
  onWritable(handler: () => void): void;
  /** Messages sent or received that have not reached a handler yet. */
  inFlight(): number;
  /** Delivers what was sent, then releases the endpoint. Idempotent. */
  close(): Promise<void>;
}
