import { pino } from 'pino';
import type { Logger } from '../runtime/index.js';

/** JSON lines on stderr (fd 2), level from `GALE_LOG_LEVEL` (default `info`). */
export function createDefaultLogger(): Logger {
  return pino({ name: 'gale', level: process.env['GALE_LOG_LEVEL'] ?? 'info' }, pino.destination(2));
}
