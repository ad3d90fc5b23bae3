import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { GaleError } from '../api/errors.js';
import { createDefaultLogger } from './default-logger.js';

describe('default logger', () => {
  const saved = process.env['GALE_LOG_LEVEL'];
  afterEach(() => {
    if (saved === undefined) delete process.env['GALE_LOG_LEVEL'];
    else process.env['GALE_LOG_LEVEL'] = saved;
  });

  it('default logger - GALE_LOG_LEVEL sets the level', () => {
    process.env['GALE_LOG_LEVEL'] = 'silent';
    assert.equal(createDefaultLogger().isLevelEnabled?.('fatal'), false);
    process.env['GALE_LOG_LEVEL'] = 'debug';
    assert.equal(createDefaultLogger().isLevelEnabled?.('debug'), true);
  });

  it('default logger - an unknown GALE_LOG_LEVEL is CONFIG_INVALID naming the variable', () => {
    process.env['GALE_LOG_LEVEL'] = 'loud';
    assert.throws(
      () => createDefaultLogger(),
      (err: unknown) =>
        err instanceof GaleError &&
        err.code === 'CONFIG_INVALID' &&
        err.message.startsWith('GALE_LOG_LEVEL: expected one of fatal, error'),
    );
  });
});
