/** How numbers, rates, latencies and durations read in the UI. One place, so every page agrees. */

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A count: exact below 100 000, compact (1.2M) above. */
export function count(n: number): string {
  return Math.abs(n) < 100_000 ? whole.format(n) : compact.format(n);
}

/** Tuples per second. */
export function rate(perSec: number): string {
  if (perSec === 0) return '0/s';
  if (perSec < 10) return `${perSec.toFixed(1)}/s`;
  return `${compact.format(perSec)}/s`;
}

/** Milliseconds, or a dash when nothing was timed. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${whole.format(value)} ms`;
}

/** A share 0..1 as a fraction with two decimals, as Storm shows capacity. */
export function share(value: number): string {
  return value.toFixed(2);
}

/** Seconds as `3d 4h`, `2h 5m`, `4m 10s` or `12s`. */
export function duration(secs: number): string {
  const s = Math.floor(secs);
  const d = Math.floor(s / 86_400);
  const hrs = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${hrs}h`;
  if (hrs > 0) return `${hrs}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** A wall-clock time, ms since the epoch, as the local time of day. */
export function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

/** Bytes as MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(0)} MiB`;
}
