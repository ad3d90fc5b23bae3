import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration } from './parse-duration.js';
import { UsageError } from './usage-error.js';

describe('parse-duration', () => {
  it('parse-duration - accepts units and bare seconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('10s'), 10_000);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('3'), 3000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('0'), 0);
  });

  it('parse-duration - rejects anything else with the flag named', () => {
    for (const bad of ['', 'ten', '-1s', '5 days', '1e3', 's']) {
      assert.throws(
        () => parseDuration(bad),
        (err: unknown) => err instanceof UsageError && err.message.startsWith('--duration:'),
        bad,
      );
    }
  });
});
