import type { Route } from '../collector/route.js';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.js';

/**
 * Counters of one task. Plain number fields bumped on the hot path: no allocation, no call.
 * Readers (progress line, UI) take snapshots; the counters only ever grow.
 */
export class TaskStats {
  /** Tuples emitted by this task (one per emit call, whatever the number of destinations). */
  emitted = 0;
  /** Deliveries to consumer tasks (an emit to three tasks counts three). */
  transferred = 0;
  /** Input tuples executed (bolts; tick tuples included). */
  executed = 0;
  /** Input tuples acked (bolts) or spout tuples acked (spouts). */
  acked = 0;
  /** Input tuples failed (bolts) or spout tuples failed (spouts). */
  failed = 0;
  /** Errors reported (thrown or through `reportError`). */
  errors = 0;
  /**
   * Milliseconds spent in user code: `execute` (bolts) or `nextTuple` (spouts), timed per
   * scheduling step (with `metrics` on). Busy time over wall time is the task's capacity.
   */
  busyMs = 0;
  /** Milliseconds this task was held back because a downstream queue was full (ended spells). */
  backpressureMs = 0;
  /** When the current spell of backpressure began (`performance.now()`), 0 when none. */
  blockedSince = 0;
  /** The task's receive queue (bolts; spouts with acking on), for its depth. */
  queue: { readonly size: number } | null = null;
  /** The task's output routes, whose edge counters the snapshot reads. */
  routes: ReadonlyMap<string, Route> | null = null;
  /**
   * Execute latency (bolts), timed per scheduling step: each step's tuples are recorded at the
   * step's mean. The mean is exact; percentiles are over step means.
   */
  readonly executeLatency = new LatencyHistogram();
  /**
   * Process latency (bolts): from the start of `execute` to the tuple's ack, sampled (the first
   * tuple of each scheduling step).
   */
  readonly processLatency = new LatencyHistogram();
  /**
   * Complete latency (spouts, acking on): from the emit of a tracked tuple to its tree's
   * completion. Sampled: one tree in 8, recorded with a count of 8.
   */
  readonly completeLatency = new LatencyHistogram();

  constructor(
    readonly taskId: number,
    readonly component: string,
  ) {}
}

/** Tuples a task delivered on one stream to one consuming component. */
export interface EdgeCount {
  readonly stream: string;
  readonly target: string;
  readonly delivered: number;
}

function edgeCounts(routes: ReadonlyMap<string, Route> | null): EdgeCount[] {
  const out: EdgeCount[] = [];
  if (routes === null) return out;
  for (const [stream, r] of routes) {
    if (stream.startsWith('__')) continue;
    for (let i = 0; i < r.targets.length; i++) {
      out.push({ stream, target: r.targets[i]!, delivered: r.delivered[i]! });
    }
  }
  return out;
}

/** A copy of a task's counters at one moment. */
export interface TaskStatsSnapshot {
  readonly taskId: number;
  readonly component: string;
  readonly emitted: number;
  readonly transferred: number;
  readonly executed: number;
  readonly acked: number;
  readonly failed: number;
  readonly errors: number;
  /** See {@link TaskStats.busyMs}. */
  readonly busyMs: number;
  /** Backpressure time so far, the current spell included. */
  readonly backpressureMs: number;
  /** Tuples waiting in the task's receive queue now. */
  readonly queueDepth: number;
  /** Tuples delivered per output stream and consuming component (user streams). */
  readonly outputs: readonly EdgeCount[];
  /** Execute latency (per-step means); `null` before anything was executed. */
  readonly executeLatency: LatencySummary | null;
  /** Process latency (sampled); `null` before anything was sampled. */
  readonly processLatency: LatencySummary | null;
  /** Complete latency of tuple trees; `null` before any completed. */
  readonly completeLatency: LatencySummary | null;
}

/**
 * Records the end of a scheduling step of a task for its backpressure time: `blocked` is whether
 * a downstream queue it fills is still full.
 */
export function noteBlocked(s: TaskStats, blocked: boolean, now: number): void {
  if (blocked) {
    if (s.blockedSince === 0) s.blockedSince = now;
  } else if (s.blockedSince !== 0) {
    s.backpressureMs += now - s.blockedSince;
    s.blockedSince = 0;
  }
}

/** A copy of `s` at `now` (a `performance.now()` reading). */
export function snapshotOf(s: TaskStats, now = performance.now()): TaskStatsSnapshot {
  return {
    taskId: s.taskId,
    component: s.component,
    emitted: s.emitted,
    transferred: s.transferred,
    executed: s.executed,
    acked: s.acked,
    failed: s.failed,
    errors: s.errors,
    busyMs: s.busyMs,
    backpressureMs: s.backpressureMs + (s.blockedSince === 0 ? 0 : Math.max(0, now - s.blockedSince)),
    queueDepth: s.queue?.size ?? 0,
    outputs: edgeCounts(s.routes),
    executeLatency: s.executeLatency.count > 0 ? s.executeLatency.summary() : null,
    processLatency: s.processLatency.count > 0 ? s.processLatency.summary() : null,
    completeLatency: s.completeLatency.count > 0 ? s.completeLatency.summary() : null,
  };
}
