/**
 * The spouts and bolts tables of a topology page, over the window the picker chose. Latency
 * percentiles are all-time (the views keep no windowed percentiles); means follow the window.
 */
import type { ComponentStatsView, LatencyView, WindowName } from '../../src/metrics/views.js';
import type { LatencySummary } from '../../src/runtime/index.js';
import { DataTable, type Column } from './data-table.js';
import { h } from './dom.js';
import * as fmt from './format.js';
import { heatOf, levelOf } from './health.js';
import { links } from './router.js';

type Pick = (c: ComponentStatsView) => LatencySummary | null;

function percentiles(head: string, pick: Pick): Column<ComponentStatsView>[] {
  const col = (label: string, f: (l: LatencySummary) => number): Column<ComponentStatsView> => ({
    head: `${head} ${label}`,
    title: `${head} latency ${label}, all time, highest over tasks`,
    numeric: true,
    cell: (c) => {
      const l = pick(c);
      return fmt.ms(l === null ? null : f(l));
    },
  });
  return [col('p50', (l) => l.p50Ms), col('p99', (l) => l.p99Ms), col('p999', (l) => l.p999Ms)];
}

function lastError(c: ComponentStatsView): HTMLElement | string {
  const e = c.lastError;
  if (e === null) return '';
  return h(
    'span',
    { class: 'error-text', title: `${fmt.clock(e.time)} task ${e.taskId}: ${e.message}` },
    e.message,
  );
}

function idColumn(topologyId: string): Column<ComponentStatsView> {
  return {
    head: 'Id',
    cell: (c) =>
      h(
        'a',
        { href: links.component(topologyId, c.id), 'data-level': levelOf(heatOf(c)), class: 'dot' },
        c.id,
      ),
  };
}

const tasks: Column<ComponentStatsView> = { head: 'Tasks', numeric: true, cell: (c) => c.tasks };
const queue: Column<ComponentStatsView> = {
  head: 'Queue',
  title: 'tuples in its receive queues now',
  numeric: true,
  cell: (c) => fmt.count(c.queueDepth),
};
const errorCol: Column<ComponentStatsView> = { head: 'Last error', cell: lastError };

const latency =
  (k: keyof LatencyView): Pick =>
  (c) =>
    c.latency[k];

export function spoutColumns(topologyId: string, win: () => WindowName): Column<ComponentStatsView>[] {
  const w = (c: ComponentStatsView) => c.windows[win()];
  return [
    idColumn(topologyId),
    tasks,
    {
      head: 'Emitted',
      numeric: true,
      cell: (c) => fmt.count(w(c).emitted),
      hook: (c) => ({ testid: `emitted-${c.id}`, value: w(c).emitted }),
    },
    { head: 'Transferred', numeric: true, cell: (c) => fmt.count(w(c).transferred) },
    { head: 'Acked', numeric: true, cell: (c) => fmt.count(w(c).acked) },
    { head: 'Failed', numeric: true, cell: (c) => fmt.count(w(c).failed) },
    { head: 'Emitted/s', numeric: true, cell: (c) => fmt.rate(w(c).rates.emitted) },
    {
      head: 'Complete',
      title: 'mean complete latency over the window',
      numeric: true,
      cell: (c) => fmt.ms(w(c).completeLatencyMs),
    },
    ...percentiles('Complete', latency('complete')),
    errorCol,
  ];
}

export function boltColumns(topologyId: string, win: () => WindowName): Column<ComponentStatsView>[] {
  const w = (c: ComponentStatsView) => c.windows[win()];
  return [
    idColumn(topologyId),
    tasks,
    {
      head: 'Executed',
      numeric: true,
      cell: (c) => fmt.count(w(c).executed),
      hook: (c) => ({ testid: `executed-${c.id}`, value: w(c).executed }),
    },
    { head: 'Emitted', numeric: true, cell: (c) => fmt.count(w(c).emitted) },
    { head: 'Acked', numeric: true, cell: (c) => fmt.count(w(c).acked) },
    { head: 'Failed', numeric: true, cell: (c) => fmt.count(w(c).failed) },
    { head: 'Executed/s', numeric: true, cell: (c) => fmt.rate(w(c).rates.executed) },
    {
      head: 'Capacity',
      title: 'share of the window its tasks spent in user code (mean over tasks)',
      numeric: true,
      cell: (c) => fmt.share(w(c).capacity),
    },
    {
      head: 'Backpr.',
      title: 'share of the window its tasks were held back by full downstream queues',
      numeric: true,
      cell: (c) => fmt.share(w(c).backpressure),
    },
    {
      head: 'Execute',
      title: 'mean execute latency over the window',
      numeric: true,
      cell: (c) => fmt.ms(w(c).executeLatencyMs),
    },
    {
      head: 'Process',
      title: 'mean process latency (to ack) over the window',
      numeric: true,
      cell: (c) => fmt.ms(w(c).processLatencyMs),
    },
    ...percentiles('Exec', latency('execute')),
    queue,
    errorCol,
  ];
}

export function componentTable(
  columns: readonly Column<ComponentStatsView>[],
  testid: string,
): DataTable<ComponentStatsView> {
  return new DataTable(columns, 'None.', testid);
}
