/**
 * `/`: the cluster at a glance — the summary, the topologies (each linking to its page), the
 * supervisors and the nimbus daemons. Live from /api/v1/events/cluster; the nimbus list, which
 * the stream does not carry, is fetched on open and whenever the leader changes.
 */
import type { NimbusView, SupervisorView, TopologySummaryView } from '../../src/metrics/views.js';
import type { ClusterSummaryView } from '../../src/metrics/views.js';
import { api, streams } from './api.js';
import { DataTable } from './data-table.js';
import { h } from './dom.js';
import { Facts, statusPill } from './facts.js';
import * as fmt from './format.js';
import { subscribe } from './live.js';
import type { Page, PageContext } from './page.js';
import { links } from './router.js';

interface ClusterEvent {
  readonly summary: ClusterSummaryView;
  readonly topologies: readonly TopologySummaryView[];
  readonly supervisors: readonly SupervisorView[];
}

function topologyTable(): DataTable<TopologySummaryView> {
  return new DataTable<TopologySummaryView>(
    [
      {
        head: 'Name',
        cell: (t) => h('a', { href: links.topology(t.id), 'data-topology': t.name }, t.name),
      },
      { head: 'Id', cell: (t) => h('code', {}, t.id) },
      { head: 'Status', cell: (t) => statusPill(t.status) },
      { head: 'Uptime', numeric: true, cell: (t) => fmt.duration(t.uptimeSecs) },
      { head: 'Workers', numeric: true, cell: (t) => t.workers },
      { head: 'Executors', numeric: true, cell: (t) => t.executors },
      { head: 'Tasks', numeric: true, cell: (t) => t.tasks },
      { head: 'Emitted/s', numeric: true, cell: (t) => fmt.rate(t.emittedRate) },
      { head: 'Acked/s', numeric: true, cell: (t) => fmt.rate(t.ackedRate) },
      { head: 'Failed/s', numeric: true, cell: (t) => fmt.rate(t.failedRate) },
      {
        head: 'Complete',
        title: 'mean complete latency, last 10 min',
        numeric: true,
        cell: (t) => fmt.ms(t.completeLatencyMs),
      },
    ],
    'No topologies running.',
    'topologies',
  );
}

function supervisorTable(): DataTable<SupervisorView> {
  return new DataTable<SupervisorView>(
    [
      { head: 'Id', cell: (s) => h('code', {}, s.id) },
      { head: 'Host', cell: (s) => s.host },
      { head: 'Slots', cell: (s) => s.slots.join(', ') },
      { head: 'Used', numeric: true, cell: (s) => `${s.slotsUsed} / ${s.slots.length}` },
      { head: 'Uptime', numeric: true, cell: (s) => fmt.duration(s.uptimeSecs) },
      {
        head: 'Logs',
        cell: (s) =>
          s.logUrl === null ? '' : h('a', { href: s.logUrl, target: '_blank', rel: 'noopener' }, 'logs'),
      },
    ],
    'No supervisors.',
    'supervisors',
  );
}

function nimbusTable(): DataTable<NimbusView> {
  return new DataTable<NimbusView>(
    [
      { head: 'Id', cell: (n) => h('code', {}, n.id) },
      { head: 'Status', cell: (n) => statusPill(n.status) },
    ],
    'No nimbus daemons.',
    'nimbuses',
  );
}

export function clusterPage(ctx: PageContext): Page {
  ctx.setCrumbs([{ label: 'Cluster' }]);
  const facts = new Facts();
  const topologies = topologyTable();
  const supervisors = supervisorTable();
  const nimbuses = nimbusTable();
  const nimbusError = h('p', { class: 'muted', hidden: true });
  const daemons = h(
    'div',
    { class: 'two-up', hidden: true },
    h('section', {}, h('h2', {}, 'Supervisors'), supervisors.element),
    h('section', {}, h('h2', {}, 'Nimbus'), nimbuses.element, nimbusError),
  );
  const localNote = h(
    'p',
    { class: 'muted', hidden: true },
    'Local mode (gale run --ui): the topology runs in one process, with no supervisors or nimbus.',
  );
  const element = h(
    'div',
    { class: 'page cluster-page' },
    h('section', {}, h('h1', {}, 'Cluster'), facts.element),
    h('section', {}, h('h2', {}, 'Topologies'), topologies.element),
    daemons,
    localNote,
  );

  let leader: string | null | undefined;
  const loadNimbuses = (): void => {
    api.nimbuses().then(
      (r) => {
        nimbusError.hidden = true;
        nimbuses.update(r.nimbuses);
      },
      (err: unknown) => {
        nimbusError.hidden = false;
        nimbusError.textContent = `Could not load the nimbus list: ${err instanceof Error ? err.message : String(err)}`;
      },
    );
  };

  const live = subscribe<ClusterEvent>({
    url: streams.cluster(),
    event: 'cluster',
    onState: (state) => ctx.connection.set(state),
    onGone: () => undefined,
    onData: (e) => {
      const s = e.summary;
      facts.update([
        { label: 'Mode', value: s.mode },
        { label: 'Version', value: s.version },
        { label: 'Nimbus leader', value: s.nimbusLeader ?? '–' },
        { label: 'Supervisors', value: s.supervisors },
        { label: 'Slots used', value: `${s.slotsUsed} / ${s.slotsTotal}` },
        { label: 'Topologies', value: s.topologies, testid: 'topology-count' },
        { label: 'Executors', value: s.executorsTotal },
        { label: 'Tasks', value: s.tasksTotal },
      ]);
      topologies.update(e.topologies);
      daemons.hidden = s.mode === 'local';
      localNote.hidden = s.mode !== 'local';
      if (s.mode === 'local') return;
      supervisors.update(e.supervisors);
      if (s.nimbusLeader !== leader) {
        leader = s.nimbusLeader;
        loadNimbuses();
      }
    },
  });
  return { element, dispose: () => live.close() };
}
