import type { LatencySummary } from './latency-histogram.js';
import type { TaskStatsSnapshot } from './task-stats.js';

/** The counters of one component, summed over its tasks. */
export interface ComponentSummary {
  readonly component: string;
  readonly tasks: number;
  readonly emitted: number;
  readonly transferred: number;
  readonly executed: number;
  readonly acked: number;
  readonly failed: number;
  readonly errors: number;
  /**
   * Complete latency of the component's tuple trees (spouts, acking on), `null` before any
   * completed: the count and mean are exact over all tasks; each percentile and the max are the
   * highest among the tasks (an upper bound of the component's).
   */
  readonly completeLatency: LatencySummary | null;
}

/** Merges two latency summaries: exact count and mean, the higher of each percentile. */
export function mergeLatency(a: LatencySummary | null, b: LatencySummary | null): LatencySummary | null {
  if (a === null || b === null) return a ?? b;
  const count = a.count + b.count;
  return {
    count,
    meanMs: count === 0 ? 0 : (a.meanMs * a.count + b.meanMs * b.count) / count,
    p50Ms: Math.max(a.p50Ms, b.p50Ms),
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    p999Ms: Math.max(a.p999Ms, b.p999Ms),
    maxMs: Math.max(a.maxMs, b.maxMs),
  };
}

/** Sums task counters per component, in component id order. */
export function summarize(tasks: readonly TaskStatsSnapshot[]): ComponentSummary[] {
  const by = new Map<string, { -readonly [K in keyof ComponentSummary]: ComponentSummary[K] }>();
  for (const t of tasks) {
    let s = by.get(t.component);
    if (s === undefined) {
      s = {
        component: t.component,
        tasks: 0,
        emitted: 0,
        transferred: 0,
        executed: 0,
        acked: 0,
        failed: 0,
        errors: 0,
        completeLatency: null,
      };
      by.set(t.component, s);
    }
    s.tasks++;
    s.emitted += t.emitted;
    s.transferred += t.transferred;
    s.executed += t.executed;
    s.acked += t.acked;
    s.failed += t.failed;
    s.errors += t.errors;
    s.completeLatency = mergeLatency(s.completeLatency, t.completeLatency);
  }
  return [...by.values()].sort((a, b) => a.component.localeCompare(b.component));
}
