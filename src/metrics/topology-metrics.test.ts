import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskStatsSnapshot } from '../runtime/index.js';
import { TopologyMetrics } from './topology-metrics.js';
import type { ProcessSample, WorkerSample } from './worker-sample.js';

const PROCESS: ProcessSample = {
  uptimeSecs: 1,
  rssBytes: 100 << 20,
  heapUsedBytes: 10 << 20,
  heapTotalBytes: 20 << 20,
  eventLoopDelayMs: { p50: 1, p99: 2, max: 3 },
};

function task(taskId: number, component: string, n: Partial<TaskStatsSnapshot> = {}): TaskStatsSnapshot {
  return {
    taskId,
    component,
    emitted: 0,
    transferred: 0,
    executed: 0,
    acked: 0,
    failed: 0,
    errors: 0,
    busyMs: 0,
    backpressureMs: 0,
    queueDepth: 0,
    outputs: [],
    executeLatency: null,
    processLatency: null,
    completeLatency: null,
    ...n,
  };
}

function worker(id: string, pid: number, time: number, tasks: TaskStatsSnapshot[]): WorkerSample {
  return { worker: id, host: 'h1', port: 6700, pid, time, process: PROCESS, tasks, errors: [] };
}

const graph = {
  components: [
    { id: 's', kind: 'spout' as const, parallelism: 1, tasks: 1, inputs: [], streams: ['default'] },
    {
      id: 'b',
      kind: 'bolt' as const,
      parallelism: 2,
      tasks: 2,
      inputs: [{ component: 's', stream: 'default', grouping: 'shuffle' }],
      streams: [],
    },
  ],
};

const T0 = 1_700_000_000_000;

function metrics(): TopologyMetrics {
  return new TopologyMetrics({ id: 't-1', name: 't', graph, config: {}, startedAt: T0 });
}

const spout = (emitted: number, acked: number): TaskStatsSnapshot =>
  task(1, 's', {
    emitted,
    transferred: emitted,
    acked,
    outputs: [{ stream: 'default', target: 'b', delivered: emitted }],
    completeLatency: { count: acked, meanMs: 4, p50Ms: 3, p99Ms: 9, p999Ms: 12, maxMs: 20 },
  });
const bolt = (id: number, executed: number, busyMs: number): TaskStatsSnapshot =>
  task(id, 'b', {
    executed,
    acked: executed,
    busyMs,
    executeLatency: { count: executed, meanMs: 0.5, p50Ms: 0.4, p99Ms: 1, p999Ms: 2, maxMs: 3 },
  });

describe('TopologyMetrics', () => {
  it('TopologyMetrics - rates, capacity, latencies and edge rates over the 10 s window', () => {
    const m = metrics();
    for (let s = 0; s <= 20; s++) {
      m.ingest(T0 + s * 1000, [
        worker('w1', 10, T0 + s * 1000, [
          spout(s * 100, s * 90),
          bolt(2, s * 50, s * 250),
          bolt(3, s * 50, s * 250),
        ]),
      ]);
    }
    const state = { status: 'active' as const, workers: 1, executors: 3 };
    const d = m.detail(state);
    assert.equal(d.emittedRate, 100, 'spout 100/s; bolts emit nothing');
    assert.equal(d.ackedRate, 90, "the topology's acked are its spouts'");
    const s = d.spouts[0]!;
    assert.equal(s.windows['10s'].rates.emitted, 100);
    assert.equal(s.windows['10s'].completeLatencyMs, 4);
    assert.equal(s.windows.all.emitted, 2000);
    assert.equal(s.windows.all.seconds, 20, 'all time runs from the submission');
    const b = d.bolts[0]!;
    assert.equal(b.windows['10s'].rates.executed, 100);
    assert.equal(b.windows['10s'].executeLatencyMs, 0.5);
    assert.equal(b.windows['10s'].capacity, 0.25, '250 ms busy a second per task');
    assert.equal(b.maxTaskCapacity, 0.25);
    assert.equal(b.latency.execute?.p99Ms, 1);
    assert.deepEqual(
      d.edges.map((e) => [e.from, e.to, e.rate, e.total]),
      [['s', 'b', 100, 2000]],
    );
    assert.equal(d.series.time.length, 20);
    assert.equal(d.series.emitted.at(-1), 100);
    assert.equal(d.workerList.length, 1);
    const c = m.component('b')!;
    assert.deepEqual(
      c.taskList.map((t) => [t.task, t.executedRate, t.capacity]),
      [
        [2, 50, 0.25],
        [3, 50, 0.25],
      ],
    );
    assert.equal(m.component('nope'), null);
  });

  it('TopologyMetrics - a restarted worker counts from zero: totals keep what the old one counted', () => {
    const m = metrics();
    m.ingest(T0 + 1000, [worker('w1', 10, T0 + 1000, [spout(500, 500)])]);
    m.ingest(T0 + 2000, [worker('w1', 10, T0 + 2000, [spout(1000, 1000)])]);
    // Same slot, new process: its counters start again.
    m.ingest(T0 + 3000, [worker('w1', 11, T0 + 3000, [spout(100, 100)])]);
    m.ingest(T0 + 4000, [worker('w1', 11, T0 + 4000, [spout(300, 300)])]);
    const s = m.detail({ status: 'active', workers: 1, executors: 3 }).spouts[0]!;
    assert.equal(s.windows.all.emitted, 1300);
    assert.equal(s.windows['10s'].emitted, 800, 'since the first sample (500)');
    assert.ok(s.windows['10s'].rates.emitted > 0);
    const exported = m.exportMetrics().tasks.find((t) => t.task === 1)!;
    assert.equal(exported.counters[0], 1300, 'Prometheus counters never go back');
    assert.deepEqual(exported.outputs, [{ stream: 'default', target: 'b', delivered: 1300 }]);
  });

  it('TopologyMetrics - a task moved to another worker keeps counting; a stale sample of its old worker is ignored', () => {
    const m = metrics();
    m.ingest(T0 + 1000, [worker('w1', 10, T0 + 1000, [spout(400, 0)])]);
    m.ingest(T0 + 2000, [
      worker('w1', 10, T0 + 1000, [spout(400, 0)]),
      worker('w2', 20, T0 + 2000, [spout(50, 0)]),
    ]);
    const t = m.component('s')!.taskList[0]!;
    assert.equal(t.worker, 'w2');
    assert.equal(t.emitted, 450);
  });

  it('TopologyMetrics - errors from samples are kept once each, newest last, per component', () => {
    const m = metrics();
    const err = (time: number) => ({ component: 'b', taskId: 2, time, message: `boom ${time}` });
    const w = (errors: WorkerSample['errors']) => ({ ...worker('w1', 10, T0, [bolt(2, 1, 0)]), errors });
    m.ingest(T0 + 1000, [w([err(1), err(2)])]);
    m.ingest(T0 + 2000, [w([err(1), err(2), err(3)])]);
    assert.deepEqual(
      m.errors().map((e) => e.message),
      ['boom 1', 'boom 2', 'boom 3'],
    );
    assert.equal(m.errors('s').length, 0);
    assert.equal(m.errors('b')[0]!.worker, 'w1');
    assert.equal(
      m.detail({ status: 'active', workers: 1, executors: 3 }).bolts[0]!.lastError?.message,
      'boom 3',
    );
  });

  it('TopologyMetrics - before any sample an active topology is starting, with zero rates', () => {
    const m = metrics();
    const s = m.summary({ status: 'active', workers: 0, executors: 3 });
    assert.equal(s.status, 'starting');
    assert.equal(s.emittedRate, 0);
    assert.equal(s.completeLatencyMs, null);
    const d = m.detail({ status: 'active', workers: 0, executors: 3 });
    assert.equal(d.spouts[0]!.windows['10s'].rates.emitted, 0);
  });
});
