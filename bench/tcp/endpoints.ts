/**
 * The two ends of a benchmarked TCP connection, whichever implementation is under test: the plain
 * harness (a socket, msgpackr, length-prefixed frames) or Gale's `TcpTransport`.
 */
import type { OutBatch } from './tuple-pool.js';

export const TCP_IMPLS = ['plain', 'gale'] as const;
export type TcpImpl = (typeof TCP_IMPLS)[number];

export function isTcpImpl(value: string): value is TcpImpl {
  return (TCP_IMPLS as readonly string[]).includes(value);
}

export const HOST = '127.0.0.1';

/** The sending end. */
export interface BatchSender {
  /** Sends one batch; false when the caller must wait for `onReady` before sending more. */
  send(batch: OutBatch): boolean;
  /** Calls `handler` when a sender that returned false can take more. */
  onReady(handler: () => void): void;
  /** Resolves when the receiver says it has counted every tuple. */
  readonly acked: Promise<void>;
  /** Bytes on the wire for `batch` (frame header included), encoded as `send` encodes it. */
  frameBytes(batch: OutBatch): number;
  close(): Promise<void>;
}

/** The receiving end. */
export interface BatchReceiver {
  readonly port: number;
  /** Tells the sender every tuple was counted (the end of its timed interval). */
  ack(): void;
  close(): Promise<void>;
}

/** Called with each batch's decoded tuples, in order. */
export type BatchHandler = (values: readonly (readonly unknown[])[]) => void;
