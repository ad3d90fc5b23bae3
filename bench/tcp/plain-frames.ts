/**
 * The plain harness's framing, as in peer-baselines.md `g-tcp-*`: a 4-byte big-endian length, then
 * the payload. Written independently of Gale's framing (`src/transport/tcp/frame.ts`), which adds
 * a version and a kind byte and checks limits.
 */

/** One frame: length + payload, in one buffer (one `write()`). */
export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/** Splits a byte stream into payloads. */
export class FrameSplitter {
  #rest: Buffer | null = null;

  push(chunk: Buffer, onPayload: (payload: Buffer) => void): void {
    const buf = this.#rest === null ? chunk : Buffer.concat([this.#rest, chunk]);
    let at = 0;
    while (buf.length - at >= 4) {
      const length = buf.readUInt32BE(at);
      if (buf.length - at - 4 < length) break;
      onPayload(buf.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    this.#rest = at < buf.length ? buf.subarray(at) : null;
  }
}
