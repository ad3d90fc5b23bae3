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
    assert.equal(parseDuration(' 2 s '), 2000);
  });

  it('parse-duration - 0 means no limit, and a tiny positive duration stays positive', () => {
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('0s'), 0);
    assert.equal(parseDuration('0.0001ms'), 1);
  });

  it('parse-duration - rejects anything else with the flag named', () => {
    for (const bad of ['', 'ten', '-1s', '5 days', '1e3', 's', '10sec', '1h30m', '9999h']) {
      assert.throws(
        () => parseDuration(bad),
        (err: unknown) => err instanceof UsageError && err.message.startsWith('--duration: '),
        bad,
      );
    }
    assert.throws(() => parseDuration('x', '--timeout'), /^UsageError: --timeout: /);
  });
});
