import type { ComponentSummary, ErrorRecord } from '../runtime/index.js';
import { formatRate } from './progress.js';

/** The end-of-run table: one row per component with its totals and mean rate. */
export function summaryTable(
  components: readonly ComponentSummary[],
  elapsedMs: number,
  spouts: ReadonlySet<string>,
): string {
  const header = ['component', 'tasks', 'emitted', 'executed', 'failed', 'errors', 'mean rate'];
  const rows = components.map((c) => {
    const n = spouts.has(c.component) ? c.emitted : c.executed;
    return [
      c.component,
      String(c.tasks),
      String(c.emitted),
      String(c.executed),
      String(c.failed),
      String(c.errors),
      `${formatRate(elapsedMs > 0 ? (n * 1000) / elapsedMs : 0)}/s`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The last errors, one line each. */
export function errorLines(errors: readonly ErrorRecord[], max = 10): string[] {
  return errors
    .slice(-max)
    .map(
      (e) =>
        `  ${new Date(e.time).toISOString()} ${e.component}[task ${e.taskId}] ${e.message}${e.tuple ? ` (tuple ${e.tuple})` : ''}`,
    );
}
