/**
 * The REST API, event streams and /metrics of the UI server against a topology running in a
 * LocalCluster: every endpoint answers with live numbers, actions act, bad requests get JSON
 * errors naming what is wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'node:http';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import type {
  ClusterSummaryView,
  ComponentDetailView,
  ErrorBody,
  TopologyDetailView,
  TopologySummaryView,
} from '../../src/metrics/views.js';
import { silentLogger } from '../../src/runtime/index.js';
import { LocalBackend } from '../../src/ui/local-backend.js';
import { UiServer } from '../../src/ui/ui-server.js';
import { FnBasicBolt, FnSpout } from '../helpers/fixtures.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { getJson, postJson, untilStill } from '../helpers/ui-client.js';
import { waitFor } from '../helpers/wait-for.js';

const WORDS = ['alpha', 'beta', 'gamma', 'boom'];

function topology() {
  let n = 0;
  const b = new TopologyBuilder();
  b.setSpout(
    'words',
    () =>
      new FnSpout({
        outputs: { default: ['word'] },
        nextTuple(c) {
          for (let i = 0; i < 50; i++, n++) c.emit([WORDS[n % WORDS.length]!], n);
        },
      }),
  );
  b.setBolt(
    'upper',
    () =>
      new FnBasicBolt({
        outputs: { default: ['word'] },
        execute(t, c) {
          c.emit([String(t.getValue(0)).toUpperCase()]);
        },
      }),
    2,
  ).shuffleGrouping('words');
  b.setBolt(
    'sink',
    () =>
      new FnBasicBolt({
        execute(t) {
          if (t.getValue(0) === 'BOOM') throw new Error('boom word seen');
        },
      }),
    1,
  ).fieldsGrouping('upper', ['word']);
  return b.createTopology();
}

const get = getJson;
const post = postJson;

/** A request with its own `Host` header (fetch does not let one set it), as a rebound page's. */
function withHost(
  base: string,
  path: string,
  host: string,
  method: 'GET' | 'POST' = 'GET',
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { method, headers: { host, 'content-type': 'application/json' }, timeout: 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

/** The first `count` events of an event stream, parsed. */
async function events(
  base: string,
  path: string,
  count: number,
): Promise<{ event: string; data: unknown }[]> {
  const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(10_000) });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const out: { event: string; data: unknown }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const body = res.body as unknown as AsyncIterable<Uint8Array>;
  for await (const value of body) {
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) out.push({ event, data: JSON.parse(data) as unknown });
    }
    if (out.length >= count) break; // leaving the loop cancels the stream
  }
  return out;
}

describe('UI server REST API (local mode)', () => {
  const cluster = new LocalCluster({ logger: silentLogger });
  let server: UiServer;
  let base = '';
  let killed: string | null = null;

  before(async () => {
    await cluster.submitTopology('rest', topology(), { maxSpoutPending: 500 });
    await cluster.submitTopology('other', topology(), { maxSpoutPending: 100 });
    server = new UiServer({
      backend: new LocalBackend(cluster, (name) => (killed = name)),
      version: '9.9.9',
      logger: silentLogger,
      refreshMs: 200,
    });
    base = await server.listen('127.0.0.1', 0);
  });
  after(async () => {
    await server.close();
    await server.close();
    await cluster.close();
  });

  it('ui rest - cluster summary and topology list', async () => {
    const summary = await get<ClusterSummaryView>(base, 'api/v1/cluster/summary');
    assert.equal(summary.status, 200);
    assert.equal(summary.body.mode, 'local');
    assert.equal(summary.body.version, '9.9.9');
    assert.equal(summary.body.topologies, 2);
    assert.equal(summary.body.tasksTotal, 8);
    const list = await get<{ topologies: TopologySummaryView[] }>(base, 'api/v1/topology/summary');
    assert.deepEqual(
      list.body.topologies.map((t) => [t.name, t.workers, t.executors, t.tasks]),
      [
        ['other', 1, 4, 4],
        ['rest', 1, 4, 4],
      ],
    );
    assert.deepEqual((await get(base, 'api/v1/supervisor/summary')).body, { supervisors: [] });
    assert.deepEqual((await get(base, 'api/v1/nimbus/summary')).body, { leader: null, nimbuses: [] });
  });

  it('ui rest - topology detail: counts rise, rates, edges, latencies, workers, errors', async () => {
    let first: TopologyDetailView | null = null;
    await waitFor(
      async () => {
        const d = (await get<TopologyDetailView>(base, 'api/v1/topology/rest')).body;
        first ??= d;
        return d.spouts[0]!.windows.all.acked > first.spouts[0]!.windows.all.acked && d.errors.length > 0;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: 'acked counts to rise and errors to appear' },
    );
    const d = (await get<TopologyDetailView>(base, 'api/v1/topology/rest')).body;
    assert.equal(d.status, 'active');
    assert.deepEqual(
      d.spouts.map((c) => c.id),
      ['words'],
    );
    assert.deepEqual(
      d.bolts.map((c) => [c.id, c.tasks]),
      [
        ['upper', 2],
        ['sink', 1],
      ],
    );
    const words = d.spouts[0]!;
    assert.ok(words.windows['10s'].rates.emitted > 0);
    assert.ok(words.windows['10s'].rates.acked > 0);
    assert.ok(words.windows['10s'].rates.failed > 0, 'boom words fail their trees');
    assert.ok(words.latency.complete !== null && words.latency.complete.p99Ms > 0);
    const upper = d.bolts[0]!;
    assert.ok(upper.windows['10s'].executeLatencyMs !== null);
    assert.ok(upper.windows['10s'].capacity >= 0 && upper.windows['10s'].capacity <= 1);
    assert.deepEqual(
      d.edges.map((e) => [e.from, e.to, e.grouping]),
      [
        ['words', 'upper', 'shuffle'],
        ['upper', 'sink', 'fields'],
      ],
    );
    assert.ok(d.edges.every((e) => e.rate > 0 && e.total > 0));
    assert.equal(d.workerList.length, 1);
    assert.ok(d.workerList[0]!.process.rssBytes > 0);
    const err = d.errors.at(-1)!;
    assert.equal(err.component, 'sink');
    assert.match(err.message, /boom word seen/);
    assert.equal(d.bolts[1]!.lastError?.message, err.message);
    assert.ok(d.series.time.length >= 1);
    assert.ok(d.windows.all.errors > 0);
  });

  it('ui rest - component detail and errors by component', async () => {
    const c = await get<ComponentDetailView>(base, 'api/v1/topology/rest/component/upper');
    assert.equal(c.status, 200);
    assert.equal(c.body.kind, 'bolt');
    assert.deepEqual(
      c.body.taskList.map((t) => t.worker),
      ['local', 'local'],
    );
    assert.ok(c.body.taskList.every((t) => t.executed > 0));
    assert.deepEqual(
      c.body.edges.map((e) => `${e.from}->${e.to}`),
      ['words->upper', 'upper->sink'],
    );
    const errors = await get<{ errors: { component: string }[] }>(
      base,
      'api/v1/topology/rest/errors?component=sink',
    );
    assert.ok(errors.body.errors.length > 0 && errors.body.errors.every((e) => e.component === 'sink'));
    assert.deepEqual((await get(base, 'api/v1/topology/rest/errors?component=upper')).body, { errors: [] });
  });

  it('ui rest - /metrics parses as Prometheus text with every task', async () => {
    const res = await fetch(new URL('metrics', base));
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0.0.4/);
    const text = parsePrometheusText(await res.text());
    const emitted = text.find('gale_task_emitted_total', { topology: 'rest', component: 'words' });
    assert.equal(emitted.length, 1);
    assert.ok(emitted[0]!.value > 0);
    assert.equal(text.find('gale_task_executed_total', { topology: 'rest' }).length, 4);
    assert.ok(text.find('gale_task_errors_total', { topology: 'rest', component: 'sink' })[0]!.value > 0);
    assert.ok(
      text.find('gale_task_delivered_total', { topology: 'rest', component: 'words', target: 'upper' })[0]!
        .value > 0,
    );
    assert.equal(text.find('gale_worker_heap_used_bytes', { topology: 'rest' }).length, 1);
    // prom-client's process metrics watch every GC, which costs the topology about 2%: the
    // gale_worker_* gauges say what an operator needs of a local run.
    assert.equal(text.types.get('process_cpu_seconds_total'), undefined);
  });

  it('ui rest - event streams send a view a refresh', async () => {
    const got = await events(base, 'api/v1/events/topology/rest', 2);
    assert.deepEqual(
      got.map((e) => e.event),
      ['topology', 'topology'],
    );
    const [a, b] = got.map((e) => e.data as TopologyDetailView);
    assert.ok(b!.time > a!.time);
    const cluster = await events(base, 'api/v1/events/cluster', 1);
    assert.equal(cluster[0]!.event, 'cluster');
    const component = await events(base, 'api/v1/events/topology/rest/component/sink', 1);
    assert.equal((component[0]!.data as ComponentDetailView).id, 'sink');
  });

  it('ui rest - bad requests: JSON errors naming what is wrong', async () => {
    const cases: [string, Promise<{ status: number; body: unknown }>, number, string, RegExp][] = [
      ['unknown topology', get(base, 'api/v1/topology/nope'), 404, 'TOPOLOGY_NOT_FOUND', /nope/],
      ['unknown component', get(base, 'api/v1/topology/rest/component/zz'), 404, 'COMPONENT_NOT_FOUND', /zz/],
      [
        'errors of an unknown component',
        get(base, 'api/v1/topology/rest/errors?component=zz'),
        404,
        'COMPONENT_NOT_FOUND',
        /zz/,
      ],
      ['unknown API', get(base, 'api/v1/nothing/here'), 404, 'NOT_FOUND', /nothing/],
      ['API version', get(base, 'api/v2/cluster/summary'), 404, 'NOT_FOUND', /api\/v1/],
      ['GET of an action', get(base, 'api/v1/topology/rest/kill'), 405, 'METHOD_NOT_ALLOWED', /POST/],
      ['POST of a view', post(base, 'api/v1/cluster/summary'), 405, 'METHOD_NOT_ALLOWED', /GET/],
      [
        'no JSON type',
        post(base, 'api/v1/topology/rest/deactivate', '', 'text/plain'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        /application\/json/,
      ],
      ['not JSON', post(base, 'api/v1/topology/rest/kill', '{oops'), 400, 'BAD_REQUEST', /not JSON/],
      ['bad key', post(base, 'api/v1/topology/rest/kill', { waitSecs: -1 }), 400, 'BAD_REQUEST', /waitSecs/],
      ['unknown key', post(base, 'api/v1/topology/rest/kill', { wait: 1 }), 400, 'BAD_REQUEST', /wait/],
      [
        'rebalance in local mode',
        post(base, 'api/v1/topology/rest/rebalance', { workers: 2 }),
        400,
        'ACTION_INVALID',
        /local mode/,
      ],
      ['bad escape', get(base, 'api/v1/topology/%E0%A4%A'), 400, 'BAD_REQUEST', /escape/],
      ['unknown event stream', get(base, 'api/v1/events/topology/nope'), 404, 'TOPOLOGY_NOT_FOUND', /nope/],
      // DNS rebinding: a page whose name resolves to 127.0.0.1 sends its own name as Host.
      [
        'a foreign Host',
        withHost(base, 'api/v1/cluster/summary', 'evil.example:8080'),
        403,
        'HOST_NOT_ALLOWED',
        /"evil\.example:8080".*loopback/,
      ],
      [
        'an action with a foreign Host',
        withHost(base, 'api/v1/topology/rest/kill', 'evil.example', 'POST'),
        403,
        'HOST_NOT_ALLOWED',
        /evil\.example/,
      ],
    ];
    for (const [what, request, status, code, message] of cases) {
      const res = await request;
      assert.equal(res.status, status, what);
      const body = res.body as ErrorBody;
      assert.equal(body.error.status, status, what);
      assert.equal(body.error.code, code, what);
      assert.match(body.error.message, message, what);
    }
    const big = await post(base, 'api/v1/topology/rest/kill', JSON.stringify({ pad: 'x'.repeat(70_000) }));
    assert.equal(big.status, 413);
    const stillThere = await get<TopologyDetailView>(base, 'api/v1/topology/rest');
    assert.equal(stillThere.body.status, 'active', 'no bad request changed anything');
  });

  it('ui rest - deactivate stops the spout, activate resumes it, kill removes the topology', async () => {
    const off = await post<{ status: string }>(base, 'api/v1/topology/rest/deactivate');
    assert.deepEqual(off, {
      status: 200,
      body: { topology: 'rest', id: 'rest', action: 'deactivate', status: 'inactive' },
    });
    const emitted = async () =>
      (await get<TopologyDetailView>(base, 'api/v1/topology/rest')).body.spouts[0]!.windows.all.emitted;
    // Stopped: the count holds still across refreshes.
    const last = await untilStill(emitted, {
      times: 3,
      intervalMs: 250,
      timeoutMs: 10_000,
      message: 'the spout to stop',
    });
    const on = await post<{ status: string }>(base, 'api/v1/topology/rest/activate');
    assert.equal(on.body.status, 'active');
    await waitFor(async () => (await emitted()) > last, {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: 'the spout to resume',
    });
    const kill = await post<{ status: string }>(base, 'api/v1/topology/other/kill', { waitSecs: 5 });
    assert.equal(kill.body.status, 'killed');
    assert.equal(killed, 'other');
    assert.equal((await get(base, 'api/v1/topology/other')).status, 404);
    assert.deepEqual(cluster.topologyNames(), ['rest']);
  });

  it('ui rest - serves the web UI page for any other path', async () => {
    const res = await fetch(new URL('topology/rest', base));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), /<script/);
    // No way out of the web directory.
    const dotted = await fetch(new URL('assets/../../package.json', base));
    assert.doesNotMatch(await dotted.text(), /"name": "gale"/);
    const encoded = await fetch(`${base}assets/..%2F..%2F..%2Fpackage.json`);
    assert.equal(encoded.status, 404);
    assert.equal(((await encoded.json()) as ErrorBody).error.code, 'NOT_FOUND');
  });
});
