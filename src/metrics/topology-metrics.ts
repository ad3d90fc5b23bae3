/**
 * The metrics of one topology over time, built from worker samples: counters made monotonic
 * across worker restarts, windows of 10 s, 10 min, 3 h and all time per component and for the
 * topology, edge rates, and the views of the REST API. One per topology, fed about once a second.
 */
import { mergeLatency, type LatencySummary, type TaskStatsSnapshot } from '../runtime/index.js';
import {
  ACKED,
  BACKPRESSURE_MS,
  BUSY_MS,
  COMPLETE_COUNT,
  COMPLETE_SUM_MS,
  COUNTERS,
  EMITTED,
  ERRORS,
  EXECUTE_COUNT,
  EXECUTE_SUM_MS,
  EXECUTED,
  FAILED,
  PROCESS_COUNT,
  PROCESS_SUM_MS,
  TRANSFERRED,
  countersOf,
} from './counter-vector.js';
import { MetricHistory } from './metric-history.js';
import type { MetricsExport } from './prometheus-registry.js';
import type { GraphComponent, TopologyGraph } from './topology-graph.js';
import {
  WINDOWS,
  type ComponentDetailView,
  type ComponentStatsView,
  type EdgeView,
  type LatencyView,
  type SeriesView,
  type TaskView,
  type TopologyDetailView,
  type TopologyStatusName,
  type TopologySummaryView,
  type WindowStats,
  type Windowed,
  type WorkerView,
} from './views.js';
import type { ErrorEntry, WorkerSample } from './worker-sample.js';

/** What a topology is, from its definition or its cluster record. */
export interface TopologyInfo {
  readonly id: string;
  readonly name: string;
  readonly graph: TopologyGraph;
  readonly config: Readonly<Record<string, unknown>>;
  /** When it was submitted, ms since the epoch. */
  readonly startedAt: number;
}

/** What the caller knows besides samples: the status and the planned size. */
export interface TopologyState {
  readonly status: TopologyStatusName;
  readonly workers: number;
  readonly executors: number;
}

interface TaskState {
  readonly task: number;
  readonly component: string;
  worker: string;
  host: string;
  port: number | null;
  pid: number;
  sampledAt: number;
  snapshot: TaskStatsSnapshot;
  /** Raw counters of the last sample, and what earlier worker processes had counted. */
  readonly raw: Float64Array;
  readonly offset: Float64Array;
  readonly total: Float64Array;
  readonly history: MetricHistory;
  /** Edge counters of this task: raw and offset per `stream\0target`. */
  readonly edges: Map<string, { raw: number; offset: number }>;
}

/** How many errors are kept per component. */
const ERRORS_KEPT = 20;

export class TopologyMetrics {
  readonly #tasks = new Map<number, TaskState>();
  readonly #components = new Map<string, MetricHistory>();
  readonly #topology = new MetricHistory(COUNTERS);
  readonly #edges = new Map<string, MetricHistory>();
  readonly #workers = new Map<string, WorkerSample>();
  readonly #errors = new Map<string, Map<string, ErrorEntry>>();
  readonly #byId: ReadonlyMap<string, GraphComponent>;
  #time = 0;

  constructor(readonly info: TopologyInfo) {
    this.#byId = new Map(info.graph.components.map((c) => [c.id, c]));
    for (const c of info.graph.components) this.#components.set(c.id, new MetricHistory(COUNTERS));
  }

  /** When the last samples came, ms since the epoch (0 before any). */
  get time(): number {
    return this.#time;
  }

  /**
   * Takes the workers' latest samples at `time`. A task found in several (a stale heartbeat of a
   * replaced worker) counts from the newest; tasks in none keep their last counts.
   */
  ingest(time: number, samples: readonly WorkerSample[]): void {
    this.#time = time;
    this.#workers.clear();
    for (const w of samples) {
      this.#workers.set(w.worker, w);
      for (const t of w.tasks) if (this.#byId.has(t.component)) this.#take(w, t);
      for (const e of w.errors) this.#error({ ...e, worker: w.worker, host: w.host });
    }
    const sum = new Float64Array(COUNTERS);
    const byComponent = new Map<string, Float64Array>();
    for (const t of this.#tasks.values()) {
      t.history.push(time, t.total);
      let c = byComponent.get(t.component);
      if (c === undefined) byComponent.set(t.component, (c = new Float64Array(COUNTERS)));
      for (let i = 0; i < COUNTERS; i++) c[i]! += t.total[i]!;
    }
    for (const [id, history] of this.#components) {
      const c = byComponent.get(id) ?? new Float64Array(COUNTERS);
      history.push(time, c);
      const spout = this.#byId.get(id)?.kind === 'spout';
      sum[EMITTED]! += c[EMITTED]!;
      sum[TRANSFERRED]! += c[TRANSFERRED]!;
      sum[EXECUTED]! += c[EXECUTED]!;
      sum[ERRORS]! += c[ERRORS]!;
      sum[BUSY_MS]! += c[BUSY_MS]!;
      sum[BACKPRESSURE_MS]! += c[BACKPRESSURE_MS]!;
      if (spout) {
        // The topology's acked, failed and complete latency are its spouts' tuple trees.
        for (const i of [ACKED, FAILED, COMPLETE_SUM_MS, COMPLETE_COUNT]) sum[i]! += c[i]!;
      }
    }
    this.#topology.push(time, sum);
    const edgeTotals = new Map<string, number>();
    for (const t of this.#tasks.values()) {
      for (const [k, e] of t.edges)
        edgeTotals.set(
          `${t.component}\0${k}`,
          (edgeTotals.get(`${t.component}\0${k}`) ?? 0) + e.raw + e.offset,
        );
    }
    for (const [k, total] of edgeTotals) {
      let h = this.#edges.get(k);
      if (h === undefined) this.#edges.set(k, (h = new MetricHistory(1, 15, 0)));
      h.push(time, Float64Array.of(total));
    }
  }

  summary(state: TopologyState): TopologySummaryView {
    const w10 = this.#topology.window(10);
    const w10m = this.#topology.window(600);
    const rate = (i: number): number => (w10 === null || w10.seconds <= 0 ? 0 : w10.delta[i]! / w10.seconds);
    return {
      id: this.info.id,
      name: this.info.name,
      status: this.#time === 0 && state.status === 'active' ? 'starting' : state.status,
      uptimeSecs: this.#uptimeSecs(),
      workers: state.workers,
      executors: state.executors,
      tasks: this.info.graph.components.reduce((n, c) => n + c.tasks, 0),
      emittedRate: rate(EMITTED),
      ackedRate: rate(ACKED),
      failedRate: rate(FAILED),
      completeLatencyMs:
        w10m === null ? null : mean(w10m.delta[COMPLETE_SUM_MS]!, w10m.delta[COMPLETE_COUNT]!),
    };
  }

  detail(state: TopologyState): TopologyDetailView {
    const components = this.info.graph.components.map((c) => this.#componentStats(c));
    const tasks = Math.max(
      1,
      this.info.graph.components.reduce((n, c) => n + c.tasks, 0),
    );
    return {
      ...this.summary(state),
      time: this.#time,
      windows: this.#windowed(this.#topology, tasks, true),
      spouts: components.filter((c) => c.kind === 'spout'),
      bolts: components.filter((c) => c.kind === 'bolt'),
      edges: this.#edgeViews(),
      workerList: [...this.#workers.values()]
        .map((w) => workerView(w))
        .sort((a, b) => a.worker.localeCompare(b.worker)),
      errors: this.errors(),
      series: series(this.#topology, tasks, true),
      config: this.info.config,
    };
  }

  /** The detail of one component, `null` for an unknown id. */
  component(id: string): ComponentDetailView | null {
    const def = this.#byId.get(id);
    if (def === undefined) return null;
    return {
      ...this.#componentStats(def),
      topology: this.info.name,
      topologyId: this.info.id,
      time: this.#time,
      taskList: [...this.#tasks.values()]
        .filter((t) => t.component === id)
        .sort((a, b) => a.task - b.task)
        .map((t) => taskView(t)),
      edges: this.#edgeViews().filter((e) => e.from === id || e.to === id),
      errors: this.errors(id),
      series: series(this.#components.get(id)!, def.tasks, def.kind === 'spout'),
    };
  }

  /** Every task's totals (across worker restarts) and the current workers, for Prometheus. */
  exportMetrics(): MetricsExport {
    const topology = this.info.name;
    return {
      tasks: [...this.#tasks.values()].map((t) => ({
        topology,
        component: t.component,
        task: t.task,
        worker: t.worker,
        host: t.host,
        counters: t.total,
        latency: {
          execute: t.snapshot.executeLatency,
          process: t.snapshot.processLatency,
          complete: t.snapshot.completeLatency,
        },
        queueDepth: t.snapshot.queueDepth,
        outputs: [...t.edges].map(([k, e]) => {
          const [stream, target] = k.split('\0') as [string, string];
          return { stream, target, delivered: e.raw + e.offset };
        }),
      })),
      workers: [...this.#workers.values()].map((w) => ({
        topology,
        worker: w.worker,
        host: w.host,
        process: w.process,
      })),
    };
  }

  /** The kept errors of `component` (every component when left out), oldest first. */
  errors(component?: string): ErrorEntry[] {
    const lists =
      component === undefined
        ? [...this.#errors.values()]
        : [this.#errors.get(component) ?? new Map<string, ErrorEntry>()];
    return lists.flatMap((m) => [...m.values()]).sort((a, b) => a.time - b.time);
  }

  #take(w: WorkerSample, t: TaskStatsSnapshot): void {
    let s = this.#tasks.get(t.taskId);
    if (s === undefined) {
      s = {
        task: t.taskId,
        component: t.component,
        worker: w.worker,
        host: w.host,
        port: w.port,
        pid: w.pid,
        sampledAt: w.time,
        snapshot: t,
        raw: new Float64Array(COUNTERS),
        offset: new Float64Array(COUNTERS),
        total: new Float64Array(COUNTERS),
        history: new MetricHistory(COUNTERS, 15, 0),
        edges: new Map(),
      };
      this.#tasks.set(t.taskId, s);
    } else if (w.time < s.sampledAt) return;
    const raw = countersOf(t);
    let restarted = s.pid !== w.pid || s.worker !== w.worker;
    for (let i = 0; i < COUNTERS && !restarted; i++) if (raw[i]! < s.raw[i]!) restarted = true;
    if (restarted) {
      // A new worker process counts from zero: what the old one counted stays in the totals.
      for (let i = 0; i < COUNTERS; i++) s.offset[i]! += s.raw[i]!;
      for (const e of s.edges.values()) {
        e.offset += e.raw;
        e.raw = 0;
      }
    }
    s.raw.set(raw);
    for (let i = 0; i < COUNTERS; i++) s.total[i] = s.offset[i]! + raw[i]!;
    for (const o of t.outputs) {
      const k = `${o.stream}\0${o.target}`;
      const e = s.edges.get(k);
      if (e === undefined) s.edges.set(k, { raw: o.delivered, offset: 0 });
      else e.raw = o.delivered;
    }
    s.worker = w.worker;
    s.host = w.host;
    s.port = w.port;
    s.pid = w.pid;
    s.sampledAt = w.time;
    s.snapshot = t;
  }

  #error(e: ErrorEntry): void {
    let m = this.#errors.get(e.component);
    if (m === undefined) this.#errors.set(e.component, (m = new Map<string, ErrorEntry>()));
    const key = `${e.time}\0${e.taskId}\0${e.message}`;
    if (m.has(key)) return;
    m.set(key, e);
    if (m.size > ERRORS_KEPT) {
      const oldest = [...m.entries()].sort((a, b) => a[1].time - b[1].time)[0]!;
      m.delete(oldest[0]);
    }
  }

  #uptimeSecs(): number {
    return Math.max(0, ((this.#time || Date.now()) - this.info.startedAt) / 1000);
  }

  #windowed(history: MetricHistory, tasks: number, spout: boolean): Windowed {
    const out: Partial<Record<string, WindowStats>> = {};
    for (const w of WINDOWS) {
      const win = history.window(w.secs);
      const delta = win?.delta ?? new Float64Array(COUNTERS);
      // All time counts from the topology's start, not from the first sample this process saw.
      const seconds = w.secs === Infinity ? this.#uptimeSecs() : (win?.seconds ?? 0);
      out[w.name] = windowStats(w.name, delta, seconds, tasks, spout);
    }
    return out as Windowed;
  }

  #componentStats(c: GraphComponent): ComponentStatsView {
    const tasks = [...this.#tasks.values()].filter((t) => t.component === c.id);
    let execute: LatencySummary | null = null;
    let process: LatencySummary | null = null;
    let complete: LatencySummary | null = null;
    let maxTaskCapacity = 0;
    let queueDepth = 0;
    const workers = new Set<string>();
    for (const t of tasks) {
      execute = mergeLatency(execute, t.snapshot.executeLatency);
      process = mergeLatency(process, t.snapshot.processLatency);
      complete = mergeLatency(complete, t.snapshot.completeLatency);
      maxTaskCapacity = Math.max(maxTaskCapacity, taskCapacity(t));
      queueDepth += t.snapshot.queueDepth;
      if (this.#workers.has(t.worker)) workers.add(t.worker);
    }
    const errors = this.#errors.get(c.id);
    const last =
      errors === undefined ? null : ([...errors.values()].sort((a, b) => b.time - a.time)[0] ?? null);
    return {
      id: c.id,
      kind: c.kind,
      parallelism: c.parallelism,
      tasks: c.tasks,
      workers: workers.size,
      windows: this.#windowed(this.#components.get(c.id)!, c.tasks, c.kind === 'spout'),
      latency: { execute, process, complete },
      maxTaskCapacity,
      queueDepth,
      lastError: last,
      inputs: c.inputs,
    };
  }

  #edgeViews(): EdgeView[] {
    const out: EdgeView[] = [];
    for (const c of this.info.graph.components) {
      for (const input of c.inputs) {
        const h = this.#edges.get(`${input.component}\0${input.stream}\0${c.id}`);
        const win = h?.window(10);
        out.push({
          from: input.component,
          to: c.id,
          stream: input.stream,
          grouping: input.grouping,
          rate: win === undefined || win === null || win.seconds <= 0 ? 0 : win.delta[0]! / win.seconds,
          total: h?.latest?.values[0] ?? 0,
        });
      }
    }
    return out;
  }
}

function mean(sum: number, count: number): number | null {
  return count > 0 ? sum / count : null;
}

function windowStats(
  window: WindowStats['window'],
  d: Float64Array,
  seconds: number,
  tasks: number,
  spout: boolean,
): WindowStats {
  const per = (i: number): number => (seconds > 0 ? d[i]! / seconds : 0);
  const share = (i: number): number =>
    seconds > 0 && tasks > 0 ? Math.min(1, d[i]! / (seconds * 1000 * tasks)) : 0;
  return {
    window,
    seconds,
    emitted: d[EMITTED]!,
    transferred: d[TRANSFERRED]!,
    executed: d[EXECUTED]!,
    acked: d[ACKED]!,
    failed: d[FAILED]!,
    errors: d[ERRORS]!,
    rates: {
      emitted: per(EMITTED),
      transferred: per(TRANSFERRED),
      executed: per(EXECUTED),
      acked: per(ACKED),
      failed: per(FAILED),
    },
    executeLatencyMs: mean(d[EXECUTE_SUM_MS]!, d[EXECUTE_COUNT]!),
    processLatencyMs: mean(d[PROCESS_SUM_MS]!, d[PROCESS_COUNT]!),
    completeLatencyMs: spout ? mean(d[COMPLETE_SUM_MS]!, d[COMPLETE_COUNT]!) : null,
    capacity: share(BUSY_MS),
    backpressure: share(BACKPRESSURE_MS),
  };
}

function taskCapacity(t: TaskState): number {
  const w = t.history.window(10);
  return w === null || w.seconds <= 0 ? 0 : Math.min(1, w.delta[BUSY_MS]! / (w.seconds * 1000));
}

function taskView(t: TaskState): TaskView {
  const w = t.history.window(10);
  const rate = (i: number): number => (w === null || w.seconds <= 0 ? 0 : w.delta[i]! / w.seconds);
  const latency: LatencyView = {
    execute: t.snapshot.executeLatency,
    process: t.snapshot.processLatency,
    complete: t.snapshot.completeLatency,
  };
  return {
    task: t.task,
    worker: t.worker,
    host: t.host,
    port: t.port,
    emitted: t.total[EMITTED]!,
    transferred: t.total[TRANSFERRED]!,
    executed: t.total[EXECUTED]!,
    acked: t.total[ACKED]!,
    failed: t.total[FAILED]!,
    errors: t.total[ERRORS]!,
    emittedRate: rate(EMITTED),
    executedRate: rate(EXECUTED),
    capacity: taskCapacity(t),
    queueDepth: t.snapshot.queueDepth,
    latency,
  };
}

function workerView(w: WorkerSample): WorkerView {
  return {
    worker: w.worker,
    host: w.host,
    port: w.port,
    pid: w.pid,
    lastSeen: w.time,
    process: w.process,
    tasks: w.tasks.map((t) => t.taskId),
    components: [...new Set(w.tasks.map((t) => t.component))].sort(),
  };
}

/** Rates and latencies between consecutive points of the last 10 minutes. */
function series(history: MetricHistory, tasks: number, spout: boolean): SeriesView {
  const points = history.recent();
  const s = {
    time: [] as number[],
    emitted: [] as number[],
    executed: [] as number[],
    acked: [] as number[],
  };
  const failed: number[] = [];
  const latencyMs: (number | null)[] = [];
  const capacity: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const secs = (b.time - a.time) / 1000;
    if (secs <= 0) continue;
    const d = (k: number): number => b.values[k]! - a.values[k]!;
    s.time.push(b.time);
    s.emitted.push(d(EMITTED) / secs);
    s.executed.push(d(EXECUTED) / secs);
    s.acked.push(d(ACKED) / secs);
    failed.push(d(FAILED) / secs);
    latencyMs.push(
      spout ? mean(d(COMPLETE_SUM_MS), d(COMPLETE_COUNT)) : mean(d(EXECUTE_SUM_MS), d(EXECUTE_COUNT)),
    );
    capacity.push(Math.min(1, d(BUSY_MS) / (secs * 1000 * Math.max(1, tasks))));
  }
  return { ...s, failed, latencyMs, capacity };
}
