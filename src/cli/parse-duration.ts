import { UsageError } from './usage-error.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 365 * 24 * 3_600_000;

/**
 * Parses `500ms`, `10s`, `2m`, `1h` or a bare number of seconds into milliseconds; `0` means no
 * limit. Anything else is a {@link UsageError} naming the flag.
 */
export function parseDuration(text: string, flag = '--duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (m === null) {
    throw new UsageError(
      `${flag}: expected a duration such as 500ms, 10s, 2m, 1h or a number of seconds, got ${JSON.stringify(text)}`,
    );
  }
  const ms = Number(m[1]) * UNITS[m[2] ?? 's']!;
  if (ms > MAX_MS) throw new UsageError(`${flag}: ${JSON.stringify(text)} is longer than a year`);
  // A tiny positive duration must not round to 0, which would mean "run forever".
  return ms === 0 ? 0 : Math.max(1, Math.round(ms));
}
