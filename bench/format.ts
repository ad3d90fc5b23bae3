/** Number formatting for the report: short, fixed units, so columns compare at a glance. */
import type { Spread } from './stats.js';

export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)}M`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(0)}k`;
  return perSec.toFixed(0);
}

export function formatRatio(ratio: number): string {
  // Two decimals hide everything below 0.1, where the slow peers (Beam, Highland per word) sit.
  return ratio >= 0.1 ? ratio.toFixed(2) : ratio.toFixed(3);
}

/** Mebibytes, written MB as in the peer baselines. */
export function formatMb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

/** `median (min-max)`, or `-` when there are no samples. */
export function formatSpread(value: Spread | undefined, format: (n: number) => string): string {
  if (value === undefined) return '-';
  return `${format(value.median)} (${format(value.min)}-${format(value.max)})`;
}

/** Milliseconds with about two significant digits below 100 ms, as the latency histograms keep. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** A fraction as a whole percentage. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)}%`;
}
