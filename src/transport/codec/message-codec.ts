/**
 * Transport messages to bytes and back. A message is one MessagePack array:
 *
 * - data: `[1, sourceTask, stream, destTasks, values, tracks | null]`
 * - backpressure: `[2, overloadedTasks]`
 *
 * Decoding checks the shape of everything it returns: bytes from a peer are never trusted. A
 * malformed message is a `GaleError` (`MALFORMED_FRAME`), whatever went wrong inside the decoder.
 */
import type { Packr } from 'msgpackr';
import { GaleError } from '../../api/errors.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import { assertNever } from '../../util/assert-never.js';
import { createPackr, syncTupleTypes } from './value-packr.js';

const DATA = 1;
const BACKPRESSURE = 2;

/** Bytes that are not a valid transport message. */
function malformed(what: string): GaleError {
  return new GaleError('MALFORMED_FRAME', what, { domain: 'external' });
}

const isTask = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTaskList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isTask);
const isTrack = (v: unknown): boolean =>
  v === null ||
  (Array.isArray(v) && v.length > 0 && v.length % 3 === 0 && v.every((n) => Number.isSafeInteger(n)));

export class MessageCodec {
  readonly #packr: Packr = createPackr();

  encode(message: TransportMessage): Buffer {
    syncTupleTypes();
    switch (message.kind) {
      case 'data':
        return this.#packr.pack([
          DATA,
          message.sourceTask,
          message.stream,
          message.destTasks,
          message.values,
          message.tracks ?? null,
        ]);
      case 'backpressure':
        return this.#packr.pack([BACKPRESSURE, message.overloadedTasks]);
      default:
        return assertNever(message, 'message');
    }
  }

  /** A small non-negative count (credits). */
  encodeCount(n: number): Buffer {
    return this.#packr.pack(n);
  }

  decodeCount(bytes: Uint8Array): number {
    const n = this.#unpack(bytes);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw malformed('malformed count');
    return n;
  }

  /** The hello of a connection: who is calling. */
  encodeHello(workerId: string): Buffer {
    return this.#packr.pack([workerId]);
  }

  decodeHello(bytes: Uint8Array): string {
    const hello = this.#unpack(bytes);
    if (!Array.isArray(hello) || typeof hello[0] !== 'string' || hello[0].length === 0)
      throw malformed('malformed hello');
    return hello[0];
  }

  #unpack(bytes: Uint8Array): unknown {
    try {
      return this.#packr.unpack(bytes);
    } catch (err) {
      throw malformed(`undecodable frame: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  decode(bytes: Uint8Array): TransportMessage {
    syncTupleTypes();
    const raw = this.#unpack(bytes);
    if (!Array.isArray(raw) || raw.length === 0) throw malformed('a message is a non-empty array');
    const kind: unknown = raw[0];
    if (kind === DATA) {
      const [, sourceTask, stream, destTasks, values, tracks] = raw as unknown[];
      if (raw.length !== 6 || !isTask(sourceTask) || typeof stream !== 'string' || !isTaskList(destTasks))
        throw malformed('malformed data batch header');
      if (
        !Array.isArray(values) ||
        values.length !== destTasks.length ||
        !values.every((v) => Array.isArray(v))
      )
        throw malformed('data batch: one values array per destination expected');
      if (tracks !== null) {
        if (!Array.isArray(tracks) || tracks.length !== destTasks.length || !tracks.every(isTrack))
          throw malformed('data batch: malformed tracks');
        return {
          kind: 'data',
          sourceTask,
          stream,
          destTasks,
          values: values as unknown[][],
          tracks: tracks as (number[] | null)[],
        };
      }
      return { kind: 'data', sourceTask, stream, destTasks, values: values as unknown[][] };
    }
    if (kind === BACKPRESSURE) {
      if (raw.length !== 2 || !isTaskList(raw[1])) throw malformed('malformed backpressure status');
      return { kind: 'backpressure', overloadedTasks: raw[1] };
    }
    throw malformed(`unknown message kind ${String(kind)}`);
  }
}
