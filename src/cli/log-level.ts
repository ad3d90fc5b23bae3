import { UsageError } from './usage-error.js';

/** pino's levels, most to least severe, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

/** Checks a `--log-level` value; anything but one of {@link LOG_LEVELS} is a {@link UsageError}. */
export function parseLogLevel(text: string): LogLevel {
  if (!isLogLevel(text)) {
    throw new UsageError(
      `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(text)}`,
    );
  }
  return text;
}
