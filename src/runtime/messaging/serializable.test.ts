import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import { registerTupleType } from '../../api/tuple-types.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { checkSerializable, unserializable } from './serializable.js';

class Money {
  constructor(readonly cents: bigint) {}
}
class Unregistered {
  x = 1;
}

describe('serializable', () => {
  it('serializable - plain data of every supported kind passes', () => {
    registerTupleType({ type: Money, id: 11, encode: (m) => m.cents, decode: (d) => new Money(d as bigint) });
    const ok: unknown[] = [
      'word',
      1.5,
      true,
      null,
      undefined,
      10n,
      new Date(0),
      new Uint8Array([1]),
      Buffer.from('x'),
      [1, [2, { a: 'b' }]],
      Object.create(null) as object,
      { nested: { list: [new Date(0), new Money(5n)] } },
    ];
    ok.forEach((v, i) => assert.equal(unserializable(v), null, `value #${i}`));
  });

  it('serializable - functions, symbols, unregistered classes, Maps and cycles are named with their place', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const cases: [unknown, RegExp][] = [
      [() => 1, /^a function$/],
      [Symbol('s'), /^a symbol$/],
      [new Unregistered(), /^an instance of Unregistered \(not registered/],
      [new Map(), /^an instance of Map /],
      [{ a: [1, { f: () => 2 }] }, /^a function at \.f at \[1\] at \.a$/],
      [cyclic, /nested more than 64 levels deep \(or a cycle\)/],
    ];
    for (const [value, expected] of cases) assert.match(unserializable(value) ?? 'null', expected);
  });

  it('serializable - checkSerializable names the component, stream and field', () => {
    const schema = new StreamSchema('split', 'words', new Fields(['word', 'meta']), false);
    checkSerializable(['ok', { n: 1 }], schema, 3);
    assert.throws(
      () => checkSerializable(['ok', { cb: () => 1 }], schema, 3),
      (err: { code?: string; message: string }) =>
        err.code === 'UNSERIALIZABLE_VALUE' &&
        /'split\.words' field 'meta' holds a function at \.cb/.test(err.message),
    );
  });

  it('serializable - registerTupleType: the same registration again is fine, clashes are errors', () => {
    class A {}
    class B {}
    const spec = { type: A, id: 42, encode: () => 0, decode: () => new A() };
    registerTupleType(spec);
    registerTupleType(spec);
    assert.throws(() => registerTupleType({ ...spec, type: B }), /id 42 is taken by class A/);
    assert.throws(() => registerTupleType({ ...spec, id: 43 }), /class A is already registered with id 42/);
    assert.throws(() => registerTupleType({ ...spec, type: B, id: 101 }), /from 1 to 100/);
  });
});
