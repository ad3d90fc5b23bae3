/**
 * `/topology/<id>`: the topology's figures and actions, its graph (dag-view.ts), throughput and
 * latency charts, the four-window totals, spouts and bolts tables over a chosen window, errors,
 * workers and config. Live from /api/v1/events/topology/<id>, re-rendered in place.
 */
import type { TopologyDetailView, WindowName, WorkerView } from '../../src/metrics/views.js';
import { api, streams } from './api.js';
import { boltColumns, componentTable, spoutColumns } from './component-tables.js';
import { DagView } from './dag-view.js';
import { DataTable } from './data-table.js';
import { h, replace, setText } from './dom.js';
import { errorList, newestFirst } from './error-list.js';
import { Facts, statusPill } from './facts.js';
import * as fmt from './format.js';
import { loadLive } from './load-live.js';
import type { Page, PageContext } from './page.js';
import { links } from './router.js';
import { latencyChart, throughputChart } from './series-chart.js';
import { TopologyActions } from './topology-actions.js';
import { WindowPicker } from './window-picker.js';
import { topologyWindowTable } from './window-table.js';

function workerTable(): DataTable<WorkerView> {
  return new DataTable<WorkerView>(
    [
      { head: 'Worker', cell: (w) => h('code', {}, w.worker) },
      { head: 'Host', cell: (w) => (w.port === null ? w.host : `${w.host}:${w.port}`) },
      { head: 'Pid', numeric: true, cell: (w) => w.pid },
      { head: 'Uptime', numeric: true, cell: (w) => fmt.duration(w.process.uptimeSecs) },
      { head: 'RSS', numeric: true, cell: (w) => fmt.mib(w.process.rssBytes) },
      { head: 'Heap', numeric: true, cell: (w) => fmt.mib(w.process.heapUsedBytes) },
      {
        head: 'Loop p99',
        title: 'event-loop delay p99 since the previous sample',
        numeric: true,
        cell: (w) => fmt.ms(w.process.eventLoopDelayMs.p99),
      },
      { head: 'Tasks', numeric: true, cell: (w) => w.tasks.length },
      { head: 'Components', cell: (w) => w.components.join(', ') },
      { head: 'Last seen', cell: (w) => fmt.clock(w.lastSeen) },
    ],
    'No workers.',
    'workers',
  );
}

/** A banner across the top of a page: a topology that is gone, or could not be loaded. */
export function banner(message: string): HTMLElement {
  return h(
    'div',
    { class: 'banner', role: 'alert', 'data-testid': 'banner' },
    message,
    ' ',
    h('a', { href: links.cluster() }, 'Back to the cluster'),
  );
}

export function topologyPage(ctx: PageContext, id: string): Page {
  ctx.setCrumbs([{ label: 'Cluster', href: links.cluster() }, { label: id }]);
  let last: TopologyDetailView | null = null;
  let win: WindowName = 'all';

  const title = h('h1', {}, id);
  const facts = new Facts();
  const actions = new TopologyActions(id, (result) => {
    if (last === null) return;
    last = { ...last, status: result.status };
    render(last);
  });
  const dag = new DagView((component) => links.component(id, component));
  const throughput = throughputChart(['emitted', 'acked', 'failed']);
  const latency = latencyChart('Complete latency (ms)');
  const windows = topologyWindowTable();
  const spouts = componentTable(
    spoutColumns(id, () => win),
    'spouts',
  );
  const bolts = componentTable(
    boltColumns(id, () => win),
    'bolts',
  );
  const picker = new WindowPicker(win, (w) => {
    win = w;
    if (last !== null) render(last);
  });
  const errors = errorList(id);
  const workers = workerTable();
  const config = h('pre', { class: 'config' });
  const notice = h('div');

  const element = h(
    'div',
    { class: 'page topology-page' },
    notice,
    h('section', { class: 'head' }, h('div', { class: 'title-row' }, title, actions.element), facts.element),
    h('section', { class: 'graph' }, h('h2', {}, 'Graph'), dag.element),
    h('div', { class: 'two-up charts' }, throughput.element, latency.element),
    h('section', {}, h('h2', {}, 'Topology stats'), windows.element),
    h(
      'section',
      {},
      h('div', { class: 'section-head' }, h('h2', {}, 'Spouts'), picker.element),
      spouts.element,
      h('h2', {}, 'Bolts'),
      bolts.element,
    ),
    h('section', {}, h('h2', {}, 'Errors'), errors.element),
    h('section', {}, h('h2', {}, 'Workers'), workers.element),
    h('details', { class: 'config-box' }, h('summary', {}, 'Config'), config),
  );

  function render(v: TopologyDetailView): void {
    // When the shown view was made: tests count live updates by it.
    element.dataset['time'] = String(v.time);
    setText(title, v.name);
    facts.update([
      { label: 'Status', value: statusPill(v.status, 'topology-status') },
      { label: 'Id', value: h('code', {}, v.id) },
      { label: 'Uptime', value: fmt.duration(v.uptimeSecs) },
      { label: 'Workers', value: v.workers },
      { label: 'Executors', value: v.executors },
      { label: 'Tasks', value: v.tasks },
      { label: 'Emitted', value: fmt.rate(v.emittedRate) },
      { label: 'Acked', value: fmt.rate(v.ackedRate) },
      { label: 'Failed', value: fmt.rate(v.failedRate) },
      { label: 'Complete', value: fmt.ms(v.completeLatencyMs) },
    ]);
    actions.update(v);
    dag.update(v);
    throughput.update(v.series);
    latency.update(v.series);
    windows.update([v.windows['10s'], v.windows['10m'], v.windows['3h'], v.windows.all]);
    spouts.update(v.spouts);
    bolts.update(v.bolts);
    errors.update(newestFirst(v.errors));
    workers.update(v.workerList);
    setText(config, JSON.stringify(v.config, null, 2));
  }

  const show = (v: TopologyDetailView): void => {
    last = v;
    render(v);
  };
  const gone = (message: string): void => {
    actions.disable();
    replace(notice, banner(message));
  };

  const live = loadLive({
    fetch: () => api.topology(id),
    url: streams.topology(id),
    event: 'topology',
    connection: ctx.connection,
    onData: show,
    onGone: (message) => gone(`Topology ${id} is gone: ${message}`),
  });

  return {
    element,
    dispose: () => {
      live.close();
      throughput.dispose();
      latency.dispose();
    },
  };
}
