import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentSummary } from '../../test/helpers/component-summary.js';
import type { ComponentSummary } from '../runtime/index.js';
import { progressLine, ratesBetween } from './progress-line.js';

function summary(component: string, emitted: number, executed: number): ComponentSummary {
  return componentSummary(component, { emitted, executed });
}

const SPOUTS = new Set(['words']);

describe('progress-line', () => {
  it('progress-line - spouts are rated by emitted, bolts by executed, per second', () => {
    const before = [summary('words', 100, 0), summary('exclaim', 300, 90)];
    const after = [summary('words', 600, 0), summary('exclaim', 5000, 1090)];
    assert.deepEqual(ratesBetween(before, after, 2000, SPOUTS), [
      { component: 'words', perSecond: 250 },
      { component: 'exclaim', perSecond: 500 },
    ]);
  });

  it('progress-line - a component new since the last sample counts from zero', () => {
    assert.deepEqual(ratesBetween([], [summary('sink', 0, 40)], 500, SPOUTS), [
      { component: 'sink', perSecond: 80 },
    ]);
  });

  it('progress-line - no time elapsed or a counter going back gives 0, not Infinity or a negative rate', () => {
    const before = [summary('sink', 0, 50)];
    assert.equal(ratesBetween(before, [summary('sink', 0, 60)], 0, SPOUTS)[0]?.perSecond, 0);
    assert.equal(ratesBetween(before, [summary('sink', 0, 10)], 1000, SPOUTS)[0]?.perSecond, 0);
  });

  it('progress-line - shows whole seconds elapsed and each rate', () => {
    const line = progressLine(
      [
        { component: 'words', perSecond: 52_140 },
        { component: 'sink', perSecond: 7 },
      ],
      12_900,
    );
    assert.equal(line, '[12s] words 52.1k/s  sink 7.0/s');
  });
});
