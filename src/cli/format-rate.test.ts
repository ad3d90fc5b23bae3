import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRate } from './format-rate.js';

describe('format-rate', () => {
  it('format-rate - picks a unit by size', () => {
    assert.equal(formatRate(0), '0');
    assert.equal(formatRate(2.45), '2.5');
    assert.equal(formatRate(850.4), '850');
    assert.equal(formatRate(12_345), '12.3k');
    assert.equal(formatRate(999_949), '999.9k');
    assert.equal(formatRate(999_950), '1.00M');
    assert.equal(formatRate(4_561_000), '4.56M');
  });

  it('format-rate - shows nonsense as 0', () => {
    assert.equal(formatRate(Number.NaN), '0');
    assert.equal(formatRate(-5), '0');
    assert.equal(formatRate(Number.POSITIVE_INFINITY), '0');
  });
});
