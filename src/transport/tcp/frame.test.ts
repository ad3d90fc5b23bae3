import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GaleError } from '../../api/errors.js';
import {
  encodeFrame,
  FRAME_KINDS,
  FrameDecoder,
  PROTOCOL_VERSION,
  type Frame,
  type FrameKind,
} from './frame.js';

const MAX = 4096;
const kindArb = fc.constantFrom<FrameKind>(...Object.values(FRAME_KINDS));
const frameArb = fc.record({ kind: kindArb, payload: fc.uint8Array({ maxLength: 300 }) });

/** Splits `bytes` at the given cut points (taken modulo the length). */
function chunks(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
    (a, b) => a - b,
  );
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

function decodeAll(decoder: FrameDecoder, parts: readonly Buffer[]): { kind: number; payload: number[] }[] {
  const got: { kind: number; payload: number[] }[] = [];
  for (const part of parts)
    decoder.push(part, (f: Frame) => got.push({ kind: f.kind, payload: [...f.payload] }));
  return got;
}

describe('frames', () => {
  it('frames - property: frames split anywhere decode to the same frames, in order', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (frames, cuts) => {
          const bytes = Buffer.concat(frames.map((f) => encodeFrame(f.kind, f.payload)));
          const decoder = new FrameDecoder(MAX);
          const got = decodeAll(decoder, chunks(bytes, cuts));
          assert.deepEqual(
            got,
            frames.map((f) => ({ kind: f.kind, payload: [...f.payload] })),
          );
          assert.equal(decoder.buffered, 0);
        },
      ),
    );
  });

  it('frames - fuzz: random bytes in random pieces either decode or fail with a protocol error, with bounded memory', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          // Mostly valid streams with a few bytes flipped: closer to what a buggy peer sends.
          fc
            .tuple(
              fc.array(frameArb, { maxLength: 8 }),
              fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
            )
            .map(([frames, flips]) => {
              const b = Buffer.concat(frames.map((f) => encodeFrame(f.kind, f.payload)));
              for (const [at, v] of flips) if (b.length > 0) b[at % b.length] = v;
              return new Uint8Array(b);
            }),
        ),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const decoder = new FrameDecoder(MAX);
          let error: unknown = null;
          for (const part of chunks(Buffer.from(bytes), cuts)) {
            try {
              decoder.push(part, (f) => assert.ok(f.payload.length <= MAX));
            } catch (err) {
              error = err;
              break;
            }
            assert.ok(decoder.buffered <= MAX + 4, `holds ${decoder.buffered} bytes`);
          }
          if (error !== null) {
            assert.ok(
              error instanceof GaleError,
              `not a GaleError: ${error instanceof Error ? error.message : 'a non-error'}`,
            );
            assert.ok(['MALFORMED_FRAME', 'PROTOCOL_MISMATCH'].includes(error.code));
            assert.throws(
              () => decoder.push(Buffer.from([1]), () => {}),
              (e) => e === error,
              'a failed decoder stays failed',
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('frames - an oversized length fails at once, before its body arrives', () => {
    const decoder = new FrameDecoder(MAX);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(MAX + 1, 0);
    header[4] = PROTOCOL_VERSION;
    assert.throws(
      () => decoder.push(header, () => assert.fail('no frame')),
      (e: GaleError) => e.code === 'MALFORMED_FRAME' && /over the limit of 4096/.test(e.message),
    );
  });

  it('frames - another protocol version fails at its first byte; a truncated stream keeps its incomplete frame', () => {
    const other = encodeFrame(FRAME_KINDS.message, Buffer.from([1, 2, 3]));
    other[4] = PROTOCOL_VERSION + 1;
    assert.throws(
      () => new FrameDecoder(MAX).push(other.subarray(0, 5), () => {}),
      (e: GaleError) => e.code === 'PROTOCOL_MISMATCH' && /version 2, this worker 1/.test(e.message),
    );
    const whole = encodeFrame(FRAME_KINDS.message, Buffer.from('abc'));
    const decoder = new FrameDecoder(MAX);
    const got = decodeAll(decoder, [Buffer.concat([whole, whole.subarray(0, 7)])]);
    assert.equal(got.length, 1);
    assert.equal(decoder.buffered, 7);
  });
});
