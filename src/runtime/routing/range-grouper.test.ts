import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaleError } from '../../api/errors.js';
import { Fields } from '../../api/fields.js';
import type { RangeKey } from '../../api/grouping.js';
import { createGrouper } from './create-grouper.js';
import type { Grouper } from './grouper.js';

const TASKS = [5, 6, 7, 8];

function rangeGrouper(boundaries: readonly RangeKey[], tasks: readonly number[] = TASKS): Grouper {
  const g = createGrouper(
    { kind: 'range', field: 'key', boundaries },
    { tasks, localTasks: [] },
    {
      sourceComponent: 'events',
      sourceStream: 'clicks',
      sourceTask: 1,
      outputFields: new Fields(['payload', 'key']),
      targetComponent: 'store',
    },
  );
  assert.ok(g !== null);
  return g;
}

function choose(grouper: Grouper, key: unknown): number {
  const out: number[] = [];
  assert.equal(grouper.choose(['payload', key], out, 0), 1);
  return out[0]!;
}

/** [key, expected task] pairs for boundaries b0, b1, b2 (ascending) over tasks 5..8. */
function assertRanges(boundaries: readonly RangeKey[], cases: readonly (readonly [unknown, number])[]): void {
  const g = rangeGrouper(boundaries);
  for (const [key, task] of cases) assert.equal(choose(g, key), task, `key ${String(key)}`);
}

describe('range grouping', () => {
  it('range - numbers: below the first boundary, on a boundary, between, above the last', () => {
    assertRanges(
      [10, 20, 30],
      [
        [-Infinity, 5],
        [-5, 5],
        [9.999, 5],
        [10, 6], // a boundary starts the next range
        [15, 6],
        [19.5, 6],
        [20, 7],
        [29, 7],
        [30, 8],
        [31, 8],
        [Infinity, 8],
      ],
    );
  });

  it('range - strings order by code units', () => {
    assertRanges(
      ['g', 'n', 't'],
      [
        ['', 5],
        ['a', 5],
        ['fzzz', 5],
        ['g', 6],
        ['ga', 6],
        ['n', 7],
        ['s', 7],
        ['t', 8],
        ['zebra', 8],
        ['G', 5], // upper case sorts before lower case
      ],
    );
  });

  it('range - bigints', () => {
    const big = 2n ** 70n;
    assertRanges(
      [-100n, 0n, big],
      [
        [-(2n ** 80n), 5],
        [-101n, 5],
        [-100n, 6],
        [-1n, 6],
        [0n, 7],
        [big - 1n, 7],
        [big, 8],
        [big * big, 8],
      ],
    );
  });

  it('range - with one task there are no boundaries and every key goes to it', () => {
    const g = rangeGrouper([], [42]);
    for (const key of [0, 'a', 1n]) assert.equal(choose(g, key), 42);
  });

  it('range - a key of the wrong type throws a GaleError naming the component, stream and field', () => {
    const cases: readonly (readonly [readonly RangeKey[], unknown])[] = [
      [[10, 20, 30], '15'],
      [[10, 20, 30], 15n],
      [['g', 'n', 't'], 3],
      [[1n, 2n, 3n], 2],
      [[10, 20, 30], null],
      [[10, 20, 30], undefined],
      [[10, 20, 30], NaN],
    ];
    for (const [boundaries, key] of cases) {
      const g = rangeGrouper(boundaries);
      assert.throws(
        () => choose(g, key),
        (err: unknown) => {
          assert.ok(err instanceof GaleError, `not a GaleError: ${String(err)}`);
          assert.equal(err.code, 'INVALID_KEY');
          assert.equal(err.details.component, 'events');
          assert.equal(err.details.stream, 'clicks');
          assert.equal(err.details.field, 'key');
          assert.match(err.message, /events/);
          assert.match(err.message, /clicks/);
          assert.match(err.message, /'key'/);
          return true;
        },
        `key ${typeof key} with ${typeof boundaries[0]} boundaries`,
      );
    }
  });

  it('range - a boundary count that does not fit the tasks is refused', () => {
    assert.throws(() => rangeGrouper([10, 20]));
    assert.throws(() => rangeGrouper([10, 20, 30, 40]));
  });
});
