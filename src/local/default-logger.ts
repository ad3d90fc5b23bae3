import { createProcessLogger, type Logger } from '../runtime/index.js';

/**
 * The logger of a `LocalCluster` given none: JSON lines on stderr (readable ones on a terminal),
 * level from `GALE_LOG_LEVEL` (default `info`).
 */
export function createDefaultLogger(): Logger {
  return createProcessLogger({
    name: 'gale',
    level: process.env['GALE_LOG_LEVEL'] ?? 'info',
    pretty: process.stderr.isTTY === true,
  });
}
