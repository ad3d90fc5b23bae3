import { GaleError } from '../api/errors.js';
import { createProcessLogger, isLogLevel, LOG_LEVELS, type Logger } from '../runtime/index.js';

/**
 * The logger of a `LocalCluster` given none: JSON lines on stderr (readable ones on a terminal),
 * level from `GALE_LOG_LEVEL` (default `info`).
 *
 * @throws GaleError `CONFIG_INVALID` when `GALE_LOG_LEVEL` names no level
 */
export function createDefaultLogger(): Logger {
  const level = process.env['GALE_LOG_LEVEL'] ?? 'info';
  if (!isLogLevel(level))
    throw new GaleError(
      'CONFIG_INVALID',
      `GALE_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(level)}`,
    );
  return createProcessLogger({
    name: 'gale',
    level,
    pretty: process.stderr.isTTY === true,
  });
}
