/**
 * Frames on a TCP connection between workers: a 4-byte big-endian length, then the body: a
 * version byte, a kind byte and the payload. The length counts the body. A frame longer than the
 * limit, a version other than ours or an unknown kind is a protocol error: the connection is
 * closed and the error logged with the peer's name; the worker goes on.
 */
import { GaleError } from '../../api/errors.js';

export const PROTOCOL_VERSION = 1;
const HEADER = 4;
const BODY_HEADER = 2; // version, kind

/** What a frame carries. */
export const FRAME_KINDS = {
  /** First frame of a connection: who is calling (msgpack `[workerId, topologyId]`). */
  hello: 1,
  /** One transport message (see `MessageCodec`). */
  message: 2,
  /** The sender has sent everything it will: the receiver may close once it has read this. */
  goodbye: 3,
  /** Flow control: the receiver handed this many more messages (msgpack count) to its worker. */
  credit: 4,
} as const;
export type FrameKind = (typeof FRAME_KINDS)[keyof typeof FRAME_KINDS];
const KINDS = new Set<number>(Object.values(FRAME_KINDS));

/** One decoded frame; `payload` is a view into the decoder's buffer, valid until the next push. */
export interface Frame {
  readonly kind: FrameKind;
  readonly payload: Buffer;
}

/** The bytes of one frame. */
export function encodeFrame(kind: FrameKind, payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER + BODY_HEADER + payload.length);
  frame.writeUInt32BE(BODY_HEADER + payload.length, 0);
  frame[HEADER] = PROTOCOL_VERSION;
  frame[HEADER + 1] = kind;
  frame.set(payload, HEADER + BODY_HEADER);
  return frame;
}

/**
 * Splits a byte stream into frames. Holds at most one incomplete frame (bounded by the limit);
 * after an error it refuses further input, since the stream can no longer be trusted.
 */
export class FrameDecoder {
  /** Bytes received and not yet parsed, in order. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Bytes needed before parsing can make progress (the whole next frame, once its length is known). */
  #need = HEADER + 1;
  #failed: GaleError | null = null;

  /** @param maxFrameBytes - the longest body accepted. */
  constructor(readonly maxFrameBytes: number) {}

  /** Bytes held, waiting for the rest of a frame (at most one frame's worth). */
  get buffered(): number {
    return this.#pendingBytes;
  }

  /**
   * Adds bytes; calls `onFrame` for each complete frame. Throws a `GaleError` (`MALFORMED_FRAME`
   * or `PROTOCOL_MISMATCH`) on a protocol error, and again on any later call.
   */
  push(chunk: Buffer, onFrame: (frame: Frame) => void): void {
    if (this.#failed !== null) throw this.#failed;
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes < this.#need) return; // a large frame arrives in pieces: no copying yet
    const buf = this.#pending.length === 1 ? chunk : Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    let at = 0;
    for (;;) {
      const left = buf.length - at;
      if (left < HEADER + 1) {
        this.#need = HEADER + 1;
        break;
      }
      const length = buf.readUInt32BE(at);
      if (length < BODY_HEADER)
        this.#fail('MALFORMED_FRAME', `frame body of ${length} bytes is shorter than its header`);
      if (length > this.maxFrameBytes)
        this.#fail('MALFORMED_FRAME', `frame of ${length} bytes is over the limit of ${this.maxFrameBytes}`);
      // The version is checked as soon as it arrives, before waiting for a whole (bogus) body.
      const version = buf[at + HEADER]!;
      if (version !== PROTOCOL_VERSION)
        this.#fail(
          'PROTOCOL_MISMATCH',
          `peer speaks protocol version ${version}, this worker ${PROTOCOL_VERSION}`,
        );
      if (left < HEADER + length) {
        this.#need = HEADER + length;
        break;
      }
      const kind = buf[at + HEADER + 1]!;
      if (!KINDS.has(kind)) this.#fail('MALFORMED_FRAME', `unknown frame kind ${kind}`);
      const payload = buf.subarray(at + HEADER + BODY_HEADER, at + HEADER + length);
      at += HEADER + length;
      onFrame({ kind: kind as FrameKind, payload });
    }
    if (at < buf.length) {
      // Copy the incomplete rest, so the caller's chunk is not held.
      const rest = Buffer.from(buf.subarray(at));
      this.#pending.push(rest);
      this.#pendingBytes = rest.length;
    }
  }

  #fail(code: 'MALFORMED_FRAME' | 'PROTOCOL_MISMATCH', message: string): never {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#failed = new GaleError(code, message, { domain: 'external' });
    throw this.#failed;
  }
}
