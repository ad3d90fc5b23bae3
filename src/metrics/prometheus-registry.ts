/**
 * Gale's metrics in Prometheus' text format (prom-client): per task counters, latencies and queue
 * depth, per edge deliveries, per worker memory and event-loop delay. Values are read from a
 * source at each scrape (nothing is kept between scrapes). The names and labels are documented in
 * docs/operations.md (Prometheus); the UI server and every cluster worker serve them at /metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { EdgeCount, LatencySummary } from '../runtime/index.js';
import {
  ACKED,
  BACKPRESSURE_MS,
  BUSY_MS,
  EMITTED,
  ERRORS,
  EXECUTED,
  FAILED,
  TRANSFERRED,
} from './counter-vector.js';
import type { ProcessSample } from './worker-sample.js';

/** One task's numbers at a scrape; counters in counter-vector order, monotonic. */
export interface ExportedTask {
  readonly topology: string;
  readonly component: string;
  readonly task: number;
  readonly worker: string;
  readonly host: string;
  readonly counters: Float64Array;
  readonly latency: {
    readonly execute: LatencySummary | null;
    readonly process: LatencySummary | null;
    readonly complete: LatencySummary | null;
  };
  readonly queueDepth: number;
  readonly outputs: readonly EdgeCount[];
}

export interface ExportedWorker {
  readonly topology: string;
  readonly worker: string;
  readonly host: string;
  readonly process: ProcessSample;
}

export interface MetricsExport {
  readonly tasks: readonly ExportedTask[];
  readonly workers: readonly ExportedWorker[];
}

const TASK_LABELS = ['topology', 'component', 'task', 'worker', 'host'] as const;
const WORKER_LABELS = ['topology', 'worker', 'host'] as const;

const TASK_COUNTERS: readonly (readonly [name: string, help: string, index: number, scale: number])[] = [
  ['gale_task_emitted_total', 'Tuples emitted by the task (one per emit call).', EMITTED, 1],
  ['gale_task_transferred_total', 'Tuples delivered to consumer tasks.', TRANSFERRED, 1],
  ['gale_task_executed_total', 'Input tuples executed (bolts).', EXECUTED, 1],
  ['gale_task_acked_total', 'Tuples acked (bolt inputs; spout trees completed).', ACKED, 1],
  ['gale_task_failed_total', 'Tuples failed (bolt inputs; spout trees failed or timed out).', FAILED, 1],
  ['gale_task_errors_total', 'Errors reported by the task.', ERRORS, 1],
  ['gale_task_busy_seconds_total', 'Time spent in execute or nextTuple.', BUSY_MS, 1e-3],
  [
    'gale_task_backpressure_seconds_total',
    'Time held back by full downstream queues.',
    BACKPRESSURE_MS,
    1e-3,
  ],
];

const LATENCIES = ['execute', 'process', 'complete'] as const;
const QUANTILES: readonly (readonly [string, keyof LatencySummary])[] = [
  ['0.5', 'p50Ms'],
  ['0.99', 'p99Ms'],
  ['0.999', 'p999Ms'],
];

function taskLabels(t: ExportedTask): Record<(typeof TASK_LABELS)[number], string> {
  return {
    topology: t.topology,
    component: t.component,
    task: String(t.task),
    worker: t.worker,
    host: t.host,
  };
}

/**
 * A registry whose metrics come from `source` at each scrape. With `processMetrics`, prom-client's
 * default process and Node.js metrics (CPU, memory, event loop, GC) are added, for a worker.
 */
export function createPrometheusRegistry(source: () => MetricsExport, processMetrics = false): Registry {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  let current: MetricsExport = { tasks: [], workers: [] };
  // Every metric below reads `current`: the source is asked once per scrape, by the first.
  new Gauge({
    name: 'gale_scrape_tasks',
    help: 'Tasks reported in this scrape.',
    registers: [registry],
    collect() {
      current = source();
      this.set(current.tasks.length);
    },
  });
  for (const [name, help, index, scale] of TASK_COUNTERS) {
    new Counter({
      name,
      help,
      labelNames: TASK_LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const t of current.tasks) this.inc(taskLabels(t), t.counters[index]! * scale);
      },
    });
  }
  new Gauge({
    name: 'gale_task_receive_queue_depth',
    help: "Tuples waiting in the task's receive queue.",
    labelNames: TASK_LABELS,
    registers: [registry],
    collect() {
      this.reset();
      for (const t of current.tasks) this.set(taskLabels(t), t.queueDepth);
    },
  });
  new Gauge({
    name: 'gale_task_latency_seconds',
    help: 'Latency percentiles since the task started: kind execute, process (sampled) or complete (spouts, sampled).',
    labelNames: [...TASK_LABELS, 'kind', 'quantile'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of current.tasks) {
        for (const kind of LATENCIES) {
          const l = t.latency[kind];
          if (l === null) continue;
          for (const [quantile, key] of QUANTILES)
            this.set({ ...taskLabels(t), kind, quantile }, l[key] / 1000);
        }
      }
    },
  });
  new Counter({
    name: 'gale_task_delivered_total',
    help: 'Tuples the task delivered on a stream to a consuming component (an edge of the graph).',
    labelNames: [...TASK_LABELS, 'stream', 'target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of current.tasks) {
        for (const o of t.outputs)
          this.inc({ ...taskLabels(t), stream: o.stream, target: o.target }, o.delivered);
      }
    },
  });
  const workerGauge = (name: string, help: string, read: (p: ProcessSample) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: WORKER_LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const w of current.workers)
          this.set({ topology: w.topology, worker: w.worker, host: w.host }, read(w.process));
      },
    });
  };
  workerGauge('gale_worker_uptime_seconds', 'Seconds since the worker started.', (p) => p.uptimeSecs);
  workerGauge(
    'gale_worker_resident_memory_bytes',
    'Resident set size of the worker process.',
    (p) => p.rssBytes,
  );
  workerGauge('gale_worker_heap_used_bytes', 'V8 heap in use by the worker.', (p) => p.heapUsedBytes);
  workerGauge('gale_worker_heap_total_bytes', 'V8 heap allocated by the worker.', (p) => p.heapTotalBytes);
  workerGauge(
    'gale_worker_event_loop_delay_p99_seconds',
    "99th percentile of the worker's event-loop delay since the previous sample.",
    (p) => p.eventLoopDelayMs.p99 / 1000,
  );
  return registry;
}
