/**
 * What `gale run` prints at the end: a table of per-component totals, mean rates and (for spouts
 * with acking on) complete latency, and the last errors. Pure string building, unit-tested.
 */
import type { ComponentSummary, ErrorRecord } from '../runtime/index.js';
import { formatRate } from './format-rate.js';
import { throughput } from './progress-line.js';

const HEADER = [
  'component',
  'tasks',
  'emitted',
  'executed',
  'acked',
  'failed',
  'errors',
  'mean rate',
  'complete p50/p99',
] as const;

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

/** One row per component; the first column left-aligned, numbers right-aligned. */
export function summaryTable(
  components: readonly ComponentSummary[],
  elapsedMs: number,
  spouts: ReadonlySet<string>,
): string {
  const rows = components.map((c) => [
    c.component,
    String(c.tasks),
    String(c.emitted),
    String(c.executed),
    String(c.acked),
    String(c.failed),
    String(c.errors),
    `${formatRate(elapsedMs > 0 ? throughput(c, spouts) / (elapsedMs / 1000) : 0)}/s`,
    c.completeLatency === null ? '' : `${ms(c.completeLatency.p50Ms)}/${ms(c.completeLatency.p99Ms)} ms`,
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...rows.map(line)].join('\n');
}

/** The last `max` errors, oldest first, one line each, after a note of how many are left out. */
export function errorLines(errors: readonly ErrorRecord[], max = 10): string[] {
  const left = errors.length - max;
  const lines = errors.slice(-max).map((e) => {
    const where = `${e.component}[task ${e.taskId}]`;
    // An error message may span lines; the report keeps one line per error.
    const message = e.message.replace(/\s*\n\s*/g, ' ');
    const tuple = e.tuple === undefined ? '' : ` (tuple ${e.tuple})`;
    return `  ${new Date(e.time).toISOString()} ${where} ${message}${tuple}`;
  });
  return left > 0 ? [`  (${left} earlier not shown)`, ...lines] : lines;
}
