import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { frame, FramingError, MessageReader } from './message-framing.js';

describe('multilang framing', () => {
  it('framing - compact JSON then a line end; a value holding "\\nend\\n" cannot end a message', () => {
    const text = frame({ tuple: ['a\nend\nb', 'héllo 人'] });
    assert.equal(text, '{"tuple":["a\\nend\\nb","héllo 人"]}\nend\n');
    assert.deepEqual(new MessageReader().push(text), [{ tuple: ['a\nend\nb', 'héllo 人'] }]);
  });

  it('framing - lines end in \\n, \\r\\n or \\r; a message may span lines and chunks, split anywhere', () => {
    const r = new MessageReader();
    assert.deepEqual(r.push('{"a":\r\n1}\r\nen'), []);
    assert.deepEqual(r.push('d\r'), [{ a: 1 }]);
    assert.deepEqual(r.push('\n{"b":2}\nend\n{"c":3}\rend\r\n'), [{ b: 2 }, { c: 3 }]);
    assert.equal(r.pending(), '');
  });

  it('framing - a multi-byte character split across chunks is decoded whole', () => {
    const bytes = Buffer.from(frame({ s: 'ö人' }));
    const r = new MessageReader();
    const out = [
      ...r.push(bytes.subarray(0, 8)),
      ...r.push(bytes.subarray(8, 9)),
      ...r.push(bytes.subarray(9)),
    ];
    assert.deepEqual(out, [{ s: 'ö人' }]);
  });

  it('framing - invalid JSON and a message without end past the limit are framing errors', () => {
    assert.throws(
      () => new MessageReader().push('{oops\nend\n'),
      (e: unknown) => e instanceof FramingError && /not JSON: "\{oops"/.test(e.message),
    );
    const small = new MessageReader(100);
    assert.throws(() => small.push(`${'x'.repeat(150)}\n`), /over 100 characters/);
  });

  it('framing - property: any JSON values, framed and cut into any chunks, read back equal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, cuts) => {
          const bytes = Buffer.from(values.map(frame).join(''));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const r = new MessageReader();
          const out: unknown[] = [];
          let at = 0;
          for (const p of [...points, bytes.length]) {
            out.push(...r.push(bytes.subarray(at, p)));
            at = p;
          }
          assert.deepEqual(
            out,
            values.map((v) => JSON.parse(JSON.stringify(v)) as unknown),
          );
        },
      ),
    );
  });
});
