import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOG_LEVELS, parseLogLevel } from './log-level.js';
import { UsageError } from './usage-error.js';

describe('log-level', () => {
  it('log-level - accepts every pino level', () => {
    for (const level of LOG_LEVELS) assert.equal(parseLogLevel(level), level);
  });

  it('log-level - rejects other names, listing the allowed ones', () => {
    for (const bad of ['', 'WARN', 'verbose', 'warning']) {
      assert.throws(
        () => parseLogLevel(bad),
        (err: unknown) =>
          err instanceof UsageError && err.message.startsWith('--log-level: expected one of fatal, error'),
        bad,
      );
    }
  });

  it('log-level - names the flag it checks', () => {
    assert.throws(
      () => parseLogLevel('loud', '--worker-log-level'),
      /^UsageError: --worker-log-level: expected one of/,
    );
  });
});
