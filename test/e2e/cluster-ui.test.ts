/**
 * `gale ui` and `gale status` against a real cluster (etcd, two nimbus, two supervisors, worker
 * processes): the REST API shows the cluster and the live numbers from workers' heartbeats,
 * every worker serves Prometheus metrics (found through the UI's service discovery), and actions
 * through the API reach the workers.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  ClusterSummaryView,
  ComponentDetailView,
  ErrorBody,
  NimbusView,
  SupervisorView,
  TopologyDetailView,
} from '../../src/metrics/views.js';
import { freePortRun } from '../helpers/free-port-run.js';
import { GaleCluster } from '../helpers/gale-cluster.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { getJson, postJson, untilStill } from '../helpers/ui-client.js';
import { waitFor } from '../helpers/wait-for.js';

const get = getJson;
const post = postJson;

describe('cluster UI and status', () => {
  const cluster = new GaleCluster(1);
  let base = '';
  before(async () => {
    await cluster.start();
    const out = join(cluster.dir, 'out');
    mkdirSync(out);
    cluster.nimbus('n1');
    cluster.nimbus('n2');
    cluster.supervisor('s1', 2, await freePortRun(2));
    cluster.supervisor('s2', 2, await freePortRun(2));
    const uiPort = await freePortRun(1);
    cluster.ui(uiPort);
    base = `http://127.0.0.1:${uiPort}/`;
    await cluster.untilSupervisors(2);
    const submitted = await cluster.submitWordCount('wc', out, { sentences: 200_000, workers: 2, paceMs: 2 });
    assert.equal(submitted.code, 0, submitted.stderr);
    await waitFor(
      async () => {
        try {
          const d = (await get<TopologyDetailView>(base, 'api/v1/topology/wc')).body;
          return d.workerList?.length === 2 && (d.spouts[0]?.windows.all.acked ?? 0) > 0;
        } catch {
          return false; // the UI is still starting
        }
      },
      { timeoutMs: 40_000, intervalMs: 200, message: `acks seen through the UI\n${cluster.logs()}` },
    );
  });
  after(async () => {
    await cluster.stop();
  });

  it('cluster ui - summary, supervisors and nimbus leader with a standby', async () => {
    const s = (await get<ClusterSummaryView>(base, 'api/v1/cluster/summary')).body;
    assert.equal(s.mode, 'cluster');
    assert.equal(s.supervisors, 2);
    assert.equal(s.slotsTotal, 4);
    assert.equal(s.slotsUsed, 2);
    assert.equal(s.topologies, 1);
    assert.ok(s.nimbusLeader === 'n1' || s.nimbusLeader === 'n2');
    const sup = (await get<{ supervisors: SupervisorView[] }>(base, 'api/v1/supervisor/summary')).body;
    assert.deepEqual(
      sup.supervisors.map((x) => [x.id, x.slots.length]),
      [
        ['s1', 2],
        ['s2', 2],
      ],
    );
    await waitFor(
      async () =>
        (await get<{ nimbuses: NimbusView[] }>(base, 'api/v1/nimbus/summary')).body.nimbuses.length === 2,
      { timeoutMs: 10_000, intervalMs: 100, message: 'both nimbus registered' },
    );
    const n = (await get<{ leader: string; nimbuses: NimbusView[] }>(base, 'api/v1/nimbus/summary')).body;
    assert.deepEqual(n.nimbuses.map((x) => x.status).sort(), ['leader', 'standby']);
    assert.equal(n.nimbuses.find((x) => x.status === 'leader')?.id, n.leader);
  });

  it('cluster ui - topology and component detail from heartbeats', async () => {
    const d = (await get<TopologyDetailView>(base, 'api/v1/topology/wc')).body;
    assert.equal(d.name, 'wc');
    assert.match(d.id, /^wc-/);
    assert.equal(d.status, 'active');
    assert.deepEqual([...d.spouts, ...d.bolts].map((c) => c.id).sort(), ['count', 'sentences', 'split']);
    assert.ok(d.edges.length >= 2);
    assert.ok(d.workerList.every((w) => w.process.rssBytes > 0 && w.pid > 0 && w.port !== null));
    const byId = (await get<TopologyDetailView>(base, `api/v1/topology/${encodeURIComponent(d.id)}`)).body;
    assert.equal(byId.id, d.id);
    const split = (await get<ComponentDetailView>(base, 'api/v1/topology/wc/component/split')).body;
    assert.ok(split.taskList.length > 0);
    assert.ok(split.taskList.every((t) => /^s[12]:\d+$/.test(t.worker) && t.host === '127.0.0.1'));
    await waitFor(
      async () => {
        const c = (await get<ComponentDetailView>(base, 'api/v1/topology/wc/component/split')).body;
        return c.windows['10s'].rates.executed > 0;
      },
      { timeoutMs: 10_000, intervalMs: 200, message: 'a split rate' },
    );
  });

  it('cluster ui - every worker serves /metrics, found through the UI; the UI serves all tasks', async () => {
    const targets = (
      await get<{ targets: string[]; labels: Record<string, string> }[]>(base, 'api/v1/prometheus/targets')
    ).body;
    assert.equal(targets.length, 2);
    let tasks = 0;
    for (const t of targets) {
      assert.equal(t.labels['__meta_gale_topology'], 'wc');
      const res = await fetch(`http://${t.targets[0]!}${t.labels['__metrics_path__']!}`);
      assert.equal(res.status, 200);
      const text = parsePrometheusText(await res.text());
      const emitted = text.find('gale_task_emitted_total', {
        topology: 'wc',
        worker: t.labels['__meta_gale_worker']!,
      });
      assert.ok(emitted.length > 0);
      // The UI shows user components; a worker's own endpoint has its ackers too.
      tasks += text
        .find('gale_task_executed_total')
        .filter((x) => !x.labels['component']!.startsWith('__')).length;
      assert.ok(text.find('gale_task_executed_total', { component: '__acker' }).length > 0);
      assert.equal(text.find('gale_worker_uptime_seconds').length, 1);
      assert.equal(text.types.get('process_cpu_seconds_total'), 'counter');
    }
    const all = parsePrometheusText(await (await fetch(new URL('metrics', base))).text());
    assert.equal(all.find('gale_task_executed_total', { topology: 'wc' }).length, tasks);
  });

  it('cluster ui - gale status prints the table, the JSON, and names a missing topology', async () => {
    const json = await cluster.cli(['status', 'wc', '--json', '--interval', '500ms']);
    assert.equal(json.code, 0, json.stderr);
    const d = JSON.parse(json.stdout) as TopologyDetailView;
    assert.equal(d.name, 'wc');
    assert.ok(d.spouts[0]!.windows.all.emitted > 0);
    const table = await cluster.cli(['status', 'wc', '--once', '--interval', '500ms']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^wc \(wc-\S+\)\s+active/);
    for (const c of ['sentences', 'split', 'count', 's1:', 's2:']) assert.ok(table.stdout.includes(c), c);
    const fromUi = await cluster.cli(['status', 'wc', '--once', '--ui', base, '--interval', '500ms']);
    assert.equal(fromUi.code, 0, fromUi.stderr);
    assert.match(fromUi.stdout, /split/);
    const missing = await cluster.cli(['status', 'nope', '--once']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no topology 'nope'/);
  });

  it('cluster ui - actions: bad rebalance refused; deactivate stops the spouts, activate resumes; kill', async () => {
    const bad = await post<ErrorBody>(base, 'api/v1/topology/wc/rebalance', { executors: { nope: 2 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'ACTION_INVALID');
    assert.match(bad.body.error.message, /nope: no such component/);
    const off = await post<{ status: string }>(base, 'api/v1/topology/wc/deactivate');
    assert.equal(off.body.status, 'inactive');
    assert.equal((await cluster.store.getTopology('wc'))?.value.status, 'inactive');
    const emitted = async () =>
      (await get<TopologyDetailView>(base, 'api/v1/topology/wc')).body.spouts[0]!.windows.all.emitted;
    const last = await untilStill(emitted, {
      times: 4,
      intervalMs: 400,
      timeoutMs: 20_000,
      message: 'the spouts to stop',
    });
    await post(base, 'api/v1/topology/wc/activate');
    await waitFor(async () => (await emitted()) > last, {
      timeoutMs: 20_000,
      intervalMs: 200,
      message: 'the spouts to resume',
    });
    const kill = await post<{ status: string }>(base, 'api/v1/topology/wc/kill', { waitSecs: 1 });
    assert.equal(kill.status, 200);
    assert.equal(kill.body.status, 'killed');
    await waitFor(async () => (await get(base, 'api/v1/topology/wc')).status === 404, {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'the killed topology to be removed',
    });
  });
});
