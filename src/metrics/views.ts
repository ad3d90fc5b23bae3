/**
 * The JSON the REST API answers with (docs/rest-api.md), also what `gale status --json` prints
 * and what the web UI draws. Plain data: numbers, strings, arrays, records.
 */
import type { LatencySummary } from '../runtime/index.js';
import type { ErrorEntry, ProcessSample } from './worker-sample.js';
import type { GraphInput } from './topology-graph.js';

/**
 * The windows of every count and rate: the last 10 s, 10 min, 3 h, and all time (Storm's UI shows
 * 10 min, 3 h, 1 day and all time; 10 s is what a live view needs, and a day of history is left
 * to Prometheus).
 */
export const WINDOWS = [
  { name: '10s', secs: 10 },
  { name: '10m', secs: 600 },
  { name: '3h', secs: 10_800 },
  { name: 'all', secs: Infinity },
] as const;
export type WindowName = (typeof WINDOWS)[number]['name'];

/** Counts and rates of one component (or the topology) over one window. */
export interface WindowStats {
  readonly window: WindowName;
  /** Seconds the window covers: its length, or less while the history is shorter. */
  readonly seconds: number;
  readonly emitted: number;
  readonly transferred: number;
  readonly executed: number;
  readonly acked: number;
  readonly failed: number;
  readonly errors: number;
  /** Per second over the window. */
  readonly rates: {
    readonly emitted: number;
    readonly transferred: number;
    readonly executed: number;
    readonly acked: number;
    readonly failed: number;
  };
  /** Mean latencies over the window, ms; `null` when nothing was timed in it. */
  readonly executeLatencyMs: number | null;
  readonly processLatencyMs: number | null;
  readonly completeLatencyMs: number | null;
  /** Share of the window its tasks spent in user code, mean over its tasks (0..1, Storm's capacity). */
  readonly capacity: number;
  /** Share of the window its tasks were held back by full downstream queues, mean over its tasks. */
  readonly backpressure: number;
}

export type Windowed = Readonly<Record<WindowName, WindowStats>>;

/** All-time latency percentiles (the highest over tasks: an upper bound). */
export interface LatencyView {
  readonly execute: LatencySummary | null;
  readonly process: LatencySummary | null;
  readonly complete: LatencySummary | null;
}

export interface ComponentStatsView {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  readonly parallelism: number;
  readonly tasks: number;
  /** Workers its tasks run in now. */
  readonly workers: number;
  readonly windows: Windowed;
  readonly latency: LatencyView;
  /** Capacity of its busiest task over the last 10 s (0..1). */
  readonly maxTaskCapacity: number;
  /** Tuples in its tasks' receive queues now. */
  readonly queueDepth: number;
  readonly lastError: ErrorEntry | null;
  readonly inputs: readonly GraphInput[];
}

/** One edge of the graph: `from`'s `stream` to `to`. */
export interface EdgeView {
  readonly from: string;
  readonly to: string;
  readonly stream: string;
  readonly grouping: string;
  /** Tuples per second over the last 10 s. */
  readonly rate: number;
  /** Tuples delivered in all. */
  readonly total: number;
}

export interface WorkerView {
  readonly worker: string;
  readonly host: string;
  readonly port: number | null;
  readonly pid: number;
  /** When it last reported, ms since the epoch. */
  readonly lastSeen: number;
  readonly process: ProcessSample;
  readonly tasks: readonly number[];
  readonly components: readonly string[];
}

/** One point per sample over the last 10 minutes: rates per second and mean latencies. */
export interface SeriesView {
  readonly time: readonly number[];
  readonly emitted: readonly number[];
  readonly executed: readonly number[];
  readonly acked: readonly number[];
  readonly failed: readonly number[];
  /** Mean complete latency (topology) or execute latency (component) between points, ms. */
  readonly latencyMs: readonly (number | null)[];
  /** Capacity between points (components; mean over tasks), 0..1. */
  readonly capacity: readonly number[];
}

export type TopologyStatusName = 'active' | 'inactive' | 'killed' | 'rebalancing' | 'starting';

export interface TopologySummaryView {
  readonly id: string;
  readonly name: string;
  readonly status: TopologyStatusName;
  readonly uptimeSecs: number;
  readonly workers: number;
  readonly executors: number;
  readonly tasks: number;
  /** The last 10 s. */
  readonly emittedRate: number;
  readonly ackedRate: number;
  readonly failedRate: number;
  /** Mean complete latency over the last 10 minutes, ms. */
  readonly completeLatencyMs: number | null;
}

export interface TopologyDetailView extends TopologySummaryView {
  /** When this view was made, ms since the epoch. */
  readonly time: number;
  /** Totals: emitted/transferred of every component; acked/failed/complete of the spouts. */
  readonly windows: Windowed;
  readonly spouts: readonly ComponentStatsView[];
  readonly bolts: readonly ComponentStatsView[];
  readonly edges: readonly EdgeView[];
  readonly workerList: readonly WorkerView[];
  /** The latest errors of every component, newest last. */
  readonly errors: readonly ErrorEntry[];
  readonly series: SeriesView;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface TaskView {
  readonly task: number;
  readonly worker: string;
  readonly host: string;
  readonly port: number | null;
  readonly emitted: number;
  readonly transferred: number;
  readonly executed: number;
  readonly acked: number;
  readonly failed: number;
  readonly errors: number;
  /** Over the last 10 s. */
  readonly emittedRate: number;
  readonly executedRate: number;
  readonly capacity: number;
  readonly queueDepth: number;
  readonly latency: LatencyView;
}

export interface ComponentDetailView extends ComponentStatsView {
  readonly topology: string;
  readonly topologyId: string;
  readonly time: number;
  readonly taskList: readonly TaskView[];
  /** Edges into and out of it. */
  readonly edges: readonly EdgeView[];
  readonly errors: readonly ErrorEntry[];
  readonly series: SeriesView;
}

export interface ClusterSummaryView {
  /** `local` for `gale run --ui`, `cluster` for `gale ui`. */
  readonly mode: 'local' | 'cluster';
  readonly version: string;
  readonly time: number;
  readonly nimbusLeader: string | null;
  readonly supervisors: number;
  readonly slotsTotal: number;
  readonly slotsUsed: number;
  readonly slotsFree: number;
  readonly topologies: number;
  readonly executorsTotal: number;
  readonly tasksTotal: number;
  /** Why the data may be stale (the cluster store unreachable, say); absent when all is well. */
  readonly problem?: string;
}

export interface SupervisorView {
  readonly id: string;
  readonly host: string;
  readonly slots: readonly number[];
  readonly slotsUsed: number;
  readonly uptimeSecs: number;
  /** Where its log server answers (`gale logs`), if it runs one. */
  readonly logUrl: string | null;
}

export interface NimbusView {
  readonly id: string;
  readonly status: 'leader' | 'standby';
}

/** Every REST error: `{ "error": { status, code, message } }`. */
export interface ErrorBody {
  readonly error: { readonly status: number; readonly code: string; readonly message: string };
}
