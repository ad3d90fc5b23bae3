import { UsageError } from './usage-error.js';

/** A TCP port flag: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string, flag: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(
      `${flag}: expected a port from 0 (any free one) to 65535, got ${JSON.stringify(text)}`,
    );
  return n;
}
