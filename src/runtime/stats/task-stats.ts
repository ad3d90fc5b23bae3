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
  /** Sampled execute latency: sum of sampled durations (ms) and number of samples. */
  executeMsSum = 0;
  executeSamples = 0;

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
  readonly executeMsAvg: number | null;
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
    executeMsAvg: s.executeSamples > 0 ? s.executeMsSum / s.executeSamples : null,
  };
}
