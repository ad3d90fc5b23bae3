/**
 * Tuples per second per component between two samples of counters: spouts by emitted, bolts by
 * executed. Pure, so it is unit-tested without a running topology.
 */
import type { ComponentSummary } from '../runtime/index.js';

export interface Rate {
  readonly component: string;
  readonly perSecond: number;
}

export function ratesBetween(
  before: readonly ComponentSummary[],
  after: readonly ComponentSummary[],
  elapsedMs: number,
  spouts: ReadonlySet<string>,
): Rate[] {
  const prev = new Map(before.map((c) => [c.component, c]));
  return after.map((c) => {
    const p = prev.get(c.component);
    const count = (s: ComponentSummary | undefined): number =>
      s === undefined ? 0 : spouts.has(c.component) ? s.emitted : s.executed;
    const delta = count(c) - count(p);
    return { component: c.component, perSecond: elapsedMs > 0 ? (delta * 1000) / elapsedMs : 0 };
  });
}

/** `12.3k`, `4.56M`: a short human rendering of a rate. */
export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

export function progressLine(rates: readonly Rate[], elapsedMs: number): string {
  const parts = rates.map((r) => `${r.component} ${formatRate(r.perSecond)}/s`);
  return `[${(elapsedMs / 1000).toFixed(0)}s] ${parts.join('  ')}`;
}
