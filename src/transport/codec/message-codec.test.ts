import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GaleError } from '../../api/errors.js';
import { registerTupleType } from '../../api/tuple-types.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import { MessageCodec } from './message-codec.js';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
registerTupleType({
  type: Point,
  id: 12,
  encode: (p) => [p.x, p.y],
  decode: (d) => new Point(...(d as [number, number])),
});

const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b)),
    fc.tuple(fc.integer(), fc.integer()).map(([x, y]) => new Point(x, y)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.string().filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 3, noNullPrototype: true },
    ),
  ),
})).value;

const dataArb: fc.Arbitrary<TransportMessage> = fc
  .tuple(
    fc.nat(1000),
    fc.string(),
    fc.array(fc.tuple(fc.nat(1000), fc.array(valueArb, { maxLength: 4 })), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([sourceTask, stream, tuples, tracked]) => ({
    kind: 'data' as const,
    sourceTask,
    stream,
    destTasks: tuples.map(([d]) => d),
    values: tuples.map(([, v]) => v),
    ...(tracked
      ? { tracks: tuples.map((_, i) => (i % 2 === 0 ? [5 * 2 ** 32 + i, -7, 2 ** 31 - 1] : null)) }
      : {}),
  }));

describe('message codec', () => {
  it('message codec - property: data batches and backpressure statuses round-trip with their value types', () => {
    const codec = new MessageCodec();
    fc.assert(
      fc.property(
        fc.oneof(
          dataArb,
          fc
            .array(fc.nat(), { maxLength: 5 })
            .map((t) => ({ kind: 'backpressure' as const, overloadedTasks: t })),
        ),
        (m) => {
          assert.deepEqual(codec.decode(codec.encode(m)), m);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('message codec - fuzz: arbitrary bytes decode to a well-formed message or fail with MALFORMED_FRAME', () => {
    const codec = new MessageCodec();
    const valid = codec.encode({
      kind: 'data',
      sourceTask: 1,
      stream: 's',
      destTasks: [2],
      values: [['a', 1]],
      tracks: [[1, 2, 3]],
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 })
            .map((flips) => {
              const b = Buffer.from(valid);
              for (const [at, v] of flips) b[at % b.length] = v;
              return new Uint8Array(b);
            }),
        ),
        (bytes) => {
          let m: TransportMessage;
          try {
            m = codec.decode(bytes);
          } catch (err) {
            assert.ok(
              err instanceof GaleError && err.code === 'MALFORMED_FRAME',
              `unexpected ${String(err)}`,
            );
            return;
          }
          if (m.kind === 'data') {
            assert.equal(m.values.length, m.destTasks.length);
            assert.ok(m.values.every((v) => Array.isArray(v)));
          } else {
            assert.ok(m.overloadedTasks.every((t) => Number.isInteger(t)));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
