/** The four windows of one component or the whole topology, a row each (Storm's stats table). */
import { WINDOWS, type WindowStats } from '../../src/metrics/views.js';
import { DataTable, type Column } from './data-table.js';
import * as fmt from './format.js';

const LABELS = { '10s': '10 s', '10m': '10 min', '3h': '3 h', all: 'all time' } as const;

const window: Column<WindowStats> = {
  head: 'Window',
  title: 'a window shorter than its length so far says how much it covers',
  cell: (w) => {
    const secs = WINDOWS.find((x) => x.name === w.window)?.secs ?? Infinity;
    return w.seconds < secs && w.window !== 'all'
      ? `${LABELS[w.window]} (${fmt.duration(w.seconds)})`
      : LABELS[w.window];
  },
};

const n = (head: string, f: (w: WindowStats) => number, title?: string): Column<WindowStats> => ({
  head,
  numeric: true,
  cell: (w) => fmt.count(f(w)),
  ...(title === undefined ? {} : { title }),
});

/** Totals of a topology: emitted/transferred of all components, acked/failed/complete of its spouts. */
export function topologyWindowTable(): DataTable<WindowStats> {
  return new DataTable<WindowStats>(
    [
      window,
      n('Emitted', (w) => w.emitted),
      n('Transferred', (w) => w.transferred),
      n('Acked', (w) => w.acked),
      n('Failed', (w) => w.failed),
      { head: 'Acked/s', numeric: true, cell: (w) => fmt.rate(w.rates.acked) },
      {
        head: 'Complete',
        title: 'mean complete latency',
        numeric: true,
        cell: (w) => fmt.ms(w.completeLatencyMs),
      },
    ],
    'No data yet.',
    'topology-windows',
  );
}

/** One component's windows: counts, rates, mean latencies, capacity and backpressure. */
export function componentWindowTable(kind: 'spout' | 'bolt'): DataTable<WindowStats> {
  const common: Column<WindowStats>[] = [
    window,
    n('Emitted', (w) => w.emitted),
    n('Transferred', (w) => w.transferred),
  ];
  const columns: Column<WindowStats>[] =
    kind === 'spout'
      ? [
          ...common,
          n('Acked', (w) => w.acked),
          n('Failed', (w) => w.failed),
          { head: 'Emitted/s', numeric: true, cell: (w) => fmt.rate(w.rates.emitted) },
          { head: 'Complete', numeric: true, cell: (w) => fmt.ms(w.completeLatencyMs) },
          n('Errors', (w) => w.errors),
        ]
      : [
          ...common,
          n('Executed', (w) => w.executed),
          n('Acked', (w) => w.acked),
          n('Failed', (w) => w.failed),
          { head: 'Executed/s', numeric: true, cell: (w) => fmt.rate(w.rates.executed) },
          { head: 'Execute', numeric: true, cell: (w) => fmt.ms(w.executeLatencyMs) },
          { head: 'Process', numeric: true, cell: (w) => fmt.ms(w.processLatencyMs) },
          { head: 'Capacity', numeric: true, cell: (w) => fmt.share(w.capacity) },
          { head: 'Backpr.', numeric: true, cell: (w) => fmt.share(w.backpressure) },
          n('Errors', (w) => w.errors),
        ];
  return new DataTable(columns, 'No data yet.', 'component-windows');
}
