import { isLogLevel, LOG_LEVELS, type LogLevel } from '../runtime/index.js';
import { UsageError } from './usage-error.js';

export { LOG_LEVELS };

/** Checks a `--log-level` (or `flag`) value; anything but one of {@link LOG_LEVELS} is a {@link UsageError}. */
export function parseLogLevel(text: string, flag = '--log-level'): LogLevel {
  if (!isLogLevel(text)) {
    throw new UsageError(`${flag}: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return text;
}
