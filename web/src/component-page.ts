/**
 * `/topology/<id>/component/<c>`: one component — its four windows, latency percentiles, charts,
 * edges in and out, a row per task, and its errors. Live from
 * /api/v1/events/topology/<id>/component/<c>.
 */
import type {
  ComponentDetailView,
  EdgeView,
  LatencyView,
  TaskView,
  WindowStats,
} from '../../src/metrics/views.js';
import type { LatencySummary } from '../../src/runtime/index.js';
import { api, streams } from './api.js';
import { DataTable } from './data-table.js';
import { h, replace, setText } from './dom.js';
import { errorList, newestFirst } from './error-list.js';
import { Facts } from './facts.js';
import * as fmt from './format.js';
import { heatOf, levelOf } from './health.js';
import { loadLive } from './load-live.js';
import type { Page, PageContext } from './page.js';
import { links } from './router.js';
import { COLOURS, latencyChart, SeriesChart, throughputChart } from './series-chart.js';
import { banner } from './topology-page.js';
import { componentWindowTable } from './window-table.js';

interface LatencyRow {
  readonly name: string;
  readonly summary: LatencySummary;
}

function latencyTable(): DataTable<LatencyRow> {
  const ms = (head: string, f: (l: LatencySummary) => number) => ({
    head,
    numeric: true,
    cell: (r: LatencyRow) => fmt.ms(f(r.summary)),
  });
  return new DataTable<LatencyRow>(
    [
      { head: 'Latency (all time)', cell: (r) => r.name },
      { head: 'Count', numeric: true, cell: (r) => fmt.count(r.summary.count) },
      ms('Mean', (l) => l.meanMs),
      ms('p50', (l) => l.p50Ms),
      ms('p99', (l) => l.p99Ms),
      ms('p999', (l) => l.p999Ms),
      ms('Max', (l) => l.maxMs),
    ],
    'Nothing timed yet.',
    'latency',
  );
}

function latencyRows(l: LatencyView): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const name of ['execute', 'process', 'complete'] as const) {
    const summary = l[name];
    if (summary !== null) rows.push({ name, summary });
  }
  return rows;
}

function edgeTable(id: string): DataTable<EdgeView> {
  return new DataTable<EdgeView>(
    [
      { head: 'From', cell: (e) => h('a', { href: links.component(id, e.from) }, e.from) },
      { head: 'To', cell: (e) => h('a', { href: links.component(id, e.to) }, e.to) },
      { head: 'Stream', cell: (e) => e.stream },
      { head: 'Grouping', cell: (e) => e.grouping },
      { head: 'Rate', numeric: true, cell: (e) => fmt.rate(e.rate) },
      { head: 'Total', numeric: true, cell: (e) => fmt.count(e.total) },
    ],
    'No edges.',
    'edges',
  );
}

function taskTable(): DataTable<TaskView> {
  const n = (head: string, f: (t: TaskView) => number) => ({
    head,
    numeric: true,
    cell: (t: TaskView) => fmt.count(f(t)),
  });
  return new DataTable<TaskView>(
    [
      { head: 'Task', numeric: true, cell: (t) => t.task },
      { head: 'Worker', cell: (t) => h('code', {}, t.worker) },
      { head: 'Host', cell: (t) => (t.port === null ? t.host : `${t.host}:${t.port}`) },
      n('Emitted', (t) => t.emitted),
      n('Transferred', (t) => t.transferred),
      n('Executed', (t) => t.executed),
      n('Acked', (t) => t.acked),
      n('Failed', (t) => t.failed),
      n('Errors', (t) => t.errors),
      { head: 'Emitted/s', numeric: true, cell: (t) => fmt.rate(t.emittedRate) },
      { head: 'Executed/s', numeric: true, cell: (t) => fmt.rate(t.executedRate) },
      { head: 'Capacity', numeric: true, cell: (t) => fmt.share(t.capacity) },
      n('Queue', (t) => t.queueDepth),
      {
        head: 'Exec p99',
        numeric: true,
        cell: (t) => fmt.ms(t.latency.execute?.p99Ms ?? t.latency.complete?.p99Ms ?? null),
      },
    ],
    'No tasks.',
    'tasks',
  );
}

export function componentPage(ctx: PageContext, id: string, component: string): Page {
  ctx.setCrumbs([
    { label: 'Cluster', href: links.cluster() },
    { label: id, href: links.topology(id) },
    { label: component },
  ]);
  const title = h('h1', {}, component);
  const facts = new Facts();
  let windows: DataTable<WindowStats> | null = null;
  const windowsBox = h('div');
  const latency = latencyTable();
  const throughput = throughputChart(['emitted', 'executed', 'acked', 'failed']);
  const latencyLine = latencyChart('Execute latency (ms)');
  const capacity = new SeriesChart(
    'Capacity',
    [{ label: 'capacity', colour: COLOURS.capacity, values: (s) => s.capacity }],
    (v) => v.toFixed(2),
  );
  const edges = edgeTable(id);
  const tasks = taskTable();
  const errors = errorList(id);
  const notice = h('div');
  const element = h(
    'div',
    { class: 'page component-page' },
    notice,
    h('section', { class: 'head' }, title, facts.element),
    h('section', {}, h('h2', {}, 'Stats'), windowsBox, latency.element),
    h('div', { class: 'three-up charts' }, throughput.element, latencyLine.element, capacity.element),
    h('section', {}, h('h2', {}, 'Tasks'), tasks.element),
    h('section', {}, h('h2', {}, 'Edges'), edges.element),
    h('section', {}, h('h2', {}, 'Errors'), errors.element),
  );

  const show = (c: ComponentDetailView): void => {
    setText(title, c.id);
    const heat = heatOf(c);
    facts.update([
      { label: 'Kind', value: c.kind },
      { label: 'Topology', value: h('a', { href: links.topology(c.topologyId) }, c.topology) },
      { label: 'Parallelism', value: c.parallelism },
      { label: 'Tasks', value: c.tasks },
      { label: 'Workers', value: c.workers },
      {
        label: 'Busiest task capacity',
        value: h('span', { class: 'dot', 'data-level': levelOf(heat) }, fmt.share(c.maxTaskCapacity)),
      },
      { label: 'Queue', value: fmt.count(c.queueDepth) },
    ]);
    if (windows === null) {
      windows = componentWindowTable(c.kind);
      windowsBox.replaceChildren(windows.element);
      if (c.kind === 'spout') latencyLine.setTitle('Latency (ms)');
    }
    windows.update([c.windows['10s'], c.windows['10m'], c.windows['3h'], c.windows.all]);
    latency.update(latencyRows(c.latency));
    throughput.update(c.series);
    latencyLine.update(c.series);
    capacity.update(c.series);
    tasks.update(c.taskList);
    edges.update(c.edges);
    errors.update(newestFirst(c.errors));
  };

  const live = loadLive({
    fetch: () => api.component(id, component),
    url: streams.component(id, component),
    event: 'component',
    connection: ctx.connection,
    onData: show,
    onGone: (message) => replace(notice, banner(`${component} is gone: ${message}`)),
  });

  return {
    element,
    dispose: () => {
      live.close();
      throughput.dispose();
      latencyLine.dispose();
      capacity.dispose();
    },
  };
}
