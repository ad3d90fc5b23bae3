import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RootTable } from './root-table.js';

type Op =
  | { kind: 'add'; root: number; value: number }
  | { kind: 'remove'; root: number }
  | { kind: 'touch'; root: number }
  | { kind: 'rotate' };

// Few distinct roots so that operations collide; large and small ids, as task * 2^32 + counter.
const rootArb = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 0, max: 40 }).map((n) => 7 * 2 ** 32 + n),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('add' as const), root: rootArb, value: fc.integer() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), root: rootArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('touch' as const), root: rootArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rotate' as const) }) },
);

describe('RootTable', () => {
  it('RootTable - property: behaves as a map with generations, through growth and deletions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), fc.integer({ min: 2, max: 4 }), (ops, generations) => {
        const table = new RootTable<string>(2, generations, true, 8);
        const model = new Map<number, { value: number; gen: number }>();
        let gen = 0;
        for (const op of ops) {
          switch (op.kind) {
            case 'add': {
              if (model.has(op.root)) break;
              const slot = table.add(op.root);
              table.set(slot, 0, op.value);
              table.set(slot, 1, -op.value);
              table.setObject(slot, `o${op.root}`);
              model.set(op.root, { value: op.value, gen });
              break;
            }
            case 'remove': {
              const slot = table.find(op.root);
              assert.equal(slot >= 0, model.has(op.root));
              if (slot >= 0) table.remove(slot);
              model.delete(op.root);
              break;
            }
            case 'touch': {
              const slot = table.find(op.root);
              const entry = model.get(op.root);
              if (slot >= 0 && entry !== undefined) {
                table.touch(slot);
                entry.gen = gen;
              }
              break;
            }
            case 'rotate': {
              gen++;
              const expired: number[] = [];
              table.rotate((slot) => expired.push(table.root(slot)));
              const expected = [...model].filter(([, e]) => e.gen <= gen - generations).map(([r]) => r);
              assert.deepEqual(expired.sort(), expected.sort());
              for (const r of expected) model.delete(r);
              break;
            }
          }
          assert.equal(table.size, model.size);
        }
        for (const [root, e] of model) {
          const slot = table.find(root);
          assert.ok(slot >= 0, `root ${root} lost`);
          assert.equal(table.get(slot, 0), e.value);
          assert.equal(table.get(slot, 1), -e.value);
          assert.equal(table.object(slot), `o${root}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('RootTable - holds a million roots, then empties', () => {
    const table = new RootTable(1, 2);
    const base = 3 * 2 ** 32;
    for (let i = 0; i < 1_000_000; i++) table.set(table.add(base + i), 0, i);
    assert.equal(table.size, 1_000_000);
    for (let i = 0; i < 1_000_000; i += 1) {
      const slot = table.find(base + i);
      assert.equal(table.get(slot, 0), i);
      table.remove(slot);
    }
    assert.equal(table.size, 0);
    assert.equal(table.find(base), -1);
  });

  it('RootTable - rejects fewer than two generations and a capacity that is not a power of two', () => {
    assert.throws(() => new RootTable(1, 1), RangeError);
    assert.throws(() => new RootTable(1, 2, false, 100), RangeError);
  });
});
