/**
 * How busy a component is, as one number and a colour. Heat is the larger of its capacity (the
 * share of the last 10 s its busiest task spent in user code) and its backpressure (the share it
 * was held back by full downstream queues): either near 1 means it cannot keep up. Colours run
 * green (0) → amber (0.5) → red (0.9 and above).
 */
import type { ComponentStatsView } from '../../src/metrics/views.js';

export type HeatLevel = 'ok' | 'busy' | 'hot';

export function heatOf(c: ComponentStatsView): number {
  const heat = Math.max(c.maxTaskCapacity, c.windows['10s'].backpressure);
  return Math.min(1, Math.max(0, heat));
}

/** The level, for text and tests: below 0.5 ok, below 0.8 busy, hot above. */
export function levelOf(heat: number): HeatLevel {
  if (heat >= 0.8) return 'hot';
  if (heat >= 0.5) return 'busy';
  return 'ok';
}

/** The hue (degrees) of `heat`: 130 green, 40 amber at 0.5, 0 red from 0.9. */
export function hueOf(heat: number): number {
  if (heat <= 0.5) return Math.round(130 - (heat / 0.5) * 90);
  return Math.round(40 - (Math.min(heat - 0.5, 0.4) / 0.4) * 40);
}

/** Tuples per second a component moves: what its spouts emit, what its bolts execute (last 10 s). */
export function throughputOf(c: ComponentStatsView): number {
  const r = c.windows['10s'].rates;
  return c.kind === 'spout' ? r.emitted : r.executed;
}
