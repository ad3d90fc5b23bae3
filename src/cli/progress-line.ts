/**
 * The live progress line: tuples per second per component between two samples of the counters.
 * A spout's rate is what it emitted, a bolt's what it executed (a sink emits nothing). Pure, so it
 * is tested without a running topology.
 */
import type { ComponentSummary } from '../runtime/index.js';
import { formatRate } from './format-rate.js';

export interface Rate {
  readonly component: string;
  readonly perSecond: number;
}

/** The count a component's rate is made of. */
export function throughput(c: ComponentSummary, spouts: ReadonlySet<string>): number {
  return spouts.has(c.component) ? c.emitted : c.executed;
}

/** Rates between two samples taken `elapsedMs` apart; a component missing from `before` counts from 0. */
export function ratesBetween(
  before: readonly ComponentSummary[],
  after: readonly ComponentSummary[],
  elapsedMs: number,
  spouts: ReadonlySet<string>,
): Rate[] {
  const prev = new Map(before.map((c) => [c.component, throughput(c, spouts)]));
  return after.map((c) => {
    const delta = throughput(c, spouts) - (prev.get(c.component) ?? 0);
    return { component: c.component, perSecond: elapsedMs > 0 ? Math.max(0, delta) / (elapsedMs / 1000) : 0 };
  });
}

/** `[12s] sentences 52.1k/s  split 52.0k/s  count 310.4k/s` */
export function progressLine(rates: readonly Rate[], elapsedMs: number): string {
  const parts = rates.map((r) => `${r.component} ${formatRate(r.perSecond)}/s`);
  return `[${Math.floor(elapsedMs / 1000)}s] ${parts.join('  ')}`;
}
