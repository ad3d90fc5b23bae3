import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RotatingMap } from './rotating-map.js';

describe('rotating map', () => {
  it('rotating map - an entry expires on the rotation that drops its generation', () => {
    const m = new RotatingMap<string, number>(3);
    m.put('a', 1);
    assert.equal(m.rotate().size, 0);
    assert.equal(m.rotate().size, 0);
    assert.deepEqual([...m.rotate()], [['a', 1]]);
    assert.equal(m.has('a'), false);
  });

  it('rotating map - put restarts the timeout, update does not', () => {
    const m = new RotatingMap<string, number>(2);
    m.put('a', 1);
    m.put('b', 1);
    m.rotate();
    m.put('a', 2); // back to the newest generation
    assert.equal(m.update('b', 2), true);
    assert.deepEqual([...m.rotate()], [['b', 2]]);
    assert.deepEqual([...m.rotate()], [['a', 2]]);
    assert.equal(m.update('zz', 1), false);
  });

  it('rotating map - behaves like a map between rotations (model-based)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('put' as const),
              k: fc.integer({ min: 0, max: 9 }),
              v: fc.integer(),
            }),
            fc.record({ op: fc.constant('remove' as const), k: fc.integer({ min: 0, max: 9 }) }),
            fc.record({ op: fc.constant('rotate' as const) }),
          ),
          { maxLength: 60 },
        ),
        (ops) => {
          const buckets = 3;
          const m = new RotatingMap<number, number>(buckets);
          // Model: key -> [value, rotations since its last put]
          const model = new Map<number, [number, number]>();
          for (const o of ops) {
            if (o.op === 'put') {
              m.put(o.k, o.v);
              model.set(o.k, [o.v, 0]);
            } else if (o.op === 'remove') {
              assert.equal(m.remove(o.k), model.get(o.k)?.[0]);
              model.delete(o.k);
            } else {
              const expired = m.rotate();
              for (const [k, entry] of [...model]) {
                entry[1]++;
                if (entry[1] === buckets) {
                  assert.equal(expired.get(k), entry[0]);
                  model.delete(k);
                }
              }
              assert.equal(expired.size, [...expired.keys()].length);
            }
            assert.equal(m.size, model.size);
            for (const [k, [v]] of model) assert.equal(m.get(k), v);
          }
        },
      ),
    );
  });

  it('rotating map - fewer than two buckets is an error', () => {
    assert.throws(() => new RotatingMap(1), RangeError);
  });
});
