import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FieldsGrouper } from './fields-grouper.js';
import { stableHash, stableHashOf } from './stable-hash.js';

/** Values a tuple field may hold: primitives, bytes, dates, arrays and plain objects, nested. */
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.bigInt(),
    fc.boolean(),
    fc.constantFrom(null, undefined, -0, 0, NaN),
    fc.uint8Array({ maxLength: 16 }),
    fc.date(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
}));

/**
 * A deep copy with object keys inserted in reverse order, bytes copied into a Buffer and dates
 * rebuilt: equal by content, different in identity, key order and class.
 */
function reorderedCopy(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (v instanceof Date) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(reorderedCopy);
  if (typeof v === 'object' && v !== null) {
    const copy: Record<string, unknown> = {};
    // defineProperty, so that a key named `__proto__` stays an own key.
    for (const k of Object.keys(v).reverse()) {
      Object.defineProperty(copy, k, {
        value: reorderedCopy((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return v;
}

// 30 bits: a small integer V8 never boxes.
const isUint32 = (h: number): boolean => Number.isInteger(h) && h >= 0 && h <= 0x3fff_ffff;

describe('stable hash', () => {
  it('stableHash - equal values hash equal: deep copies with reordered object keys', () => {
    fc.assert(
      fc.property(value, fc.nat(), (v, seed) => {
        const copy = reorderedCopy(v);
        assert.equal(stableHash(copy), stableHash(v));
        assert.equal(stableHash(copy, seed), stableHash(v, seed));
        assert.equal(stableHash(structuredClone(v)), stableHash(v));
      }),
      { numRuns: 500 },
    );
  });

  it('stableHash - keys of tuples (several fields) hash equal when their fields are equal', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), (values) => {
        const indices = values.map((_, i) => i);
        const copy = values.map(reorderedCopy);
        assert.equal(stableHashOf(copy, indices), stableHashOf(values, indices));
        assert.equal(stableHashOf(copy, indices.slice(1)), stableHashOf(values, indices.slice(1)));
      }),
      { numRuns: 300 },
    );
  });

  it('stableHash - Maps and Sets hash by content, whatever the insertion order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 12 }), fc.integer(), (keys, n) => {
        const m1 = new Map(keys.map((k, i) => [k, i + n]));
        const m2 = new Map([...keys].reverse().map((k) => [k, keys.indexOf(k) + n]));
        assert.equal(stableHash(m1), stableHash(m2));
        assert.equal(stableHash(new Set(keys)), stableHash(new Set([...keys].reverse())));
      }),
    );
    // Different contents: not all Maps on one task any more.
    const hashes = new Set(Array.from({ length: 50 }, (_, i) => stableHash(new Map([['k', i]]))));
    assert.ok(hashes.size >= 49, `${hashes.size} distinct hashes of 50 different Maps`);
    assert.notEqual(stableHash(new Set(['a'])), stableHash(new Map([['a', 'a']])));
    assert.notEqual(stableHash(new Map()), stableHash({}));
  });

  it('stableHash - is a 30-bit unsigned integer for every value and seed', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 0xffff_ffff }), (v, seed) => {
        assert.ok(isUint32(stableHash(v)), `hash ${stableHash(v)}`);
        assert.ok(isUint32(stableHash(v, seed)), `seeded hash ${stableHash(v, seed)}`);
        assert.ok(isUint32(stableHashOf([v, v], [0, 1], seed)));
      }),
      { numRuns: 500 },
    );
  });

  it('stableHash - the seed changes the hash', () => {
    let differ = 0;
    for (let i = 0; i < 100; i++) if (stableHash(`k${i}`, 0) !== stableHash(`k${i}`, 0x5bd1e995)) differ++;
    assert.ok(differ > 95, `the seed changed only ${differ} of 100 hashes`);
  });

  it('stableHash - values of different types or contents hash apart', () => {
    const distinct: unknown[] = [
      1,
      '1',
      true,
      'true',
      null,
      'null',
      undefined,
      0,
      '',
      [],
      {},
      1n,
      new Uint8Array([1]),
      [1],
      { 1: 1 },
      new Date(1),
      [[]],
      [null],
      'ab',
      'ba',
      { a: 'b' },
      { b: 'a' },
      [1, 2],
      [2, 1],
      false,
    ];
    const hashes = new Set(distinct.map((v) => stableHash(v)));
    assert.equal(hashes.size, distinct.length);
  });

  it('fields grouping - the chosen task is stable for equal keys, whatever the other fields', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 }),
        value,
        value,
        value,
        (tasks, key, otherA, otherB) => {
          const a = new FieldsGrouper(tasks, [1]);
          const b = new FieldsGrouper(tasks, [1]);
          const out: number[] = [];
          a.choose([otherA, key], out, 0);
          const first = out[0]!;
          assert.ok(tasks.includes(first));
          b.choose([otherB, reorderedCopy(key)], out, 0);
          assert.equal(out[0], first);
          a.choose([otherB, structuredClone(key)], out, 0);
          assert.equal(out[0], first);
        },
      ),
      { numRuns: 300 },
    );
  });
});
