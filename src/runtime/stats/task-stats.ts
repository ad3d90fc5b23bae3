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
  /** Execute latency (per-step means); `null` before anything was executed. */
  readonly executeLatency: LatencySummary | null;
  /** Process latency (sampled); `null` before anything was sampled. */
  readonly processLatency: LatencySummary | null;
  /** Complete latency of tuple trees; `null` before any completed. */
  readonly completeLatency: LatencySummary | null;
}

export function snapshotOf(s: TaskStats): TaskStatsSnapshot {
  return {
    taskId: s.taskId,
    component: s.component,
    emitted: s.emitted,
    transferred: s.transferred,
    executed: s.executed,
    acked: s.acked,
    failed: s.failed,
    errors: s.errors,
    executeLatency: s.executeLatency.count > 0 ? s.executeLatency.summary() : null,
    processLatency: s.processLatency.count > 0 ? s.processLatency.summary() : null,
    completeLatency: s.completeLatency.count > 0 ? s.completeLatency.summary() : null,
  };
}
