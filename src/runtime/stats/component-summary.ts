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
  }
  return [...by.values()].sort((a, b) => a.component.localeCompare(b.component));
}
