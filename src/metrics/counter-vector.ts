/**
 * The counters kept per task over time, as one numeric vector: what windows subtract and sum.
 * Latency sums (mean × count) give windowed mean latencies without histograms per window.
 */
import type { TaskStatsSnapshot } from '../runtime/index.js';

export const EMITTED = 0;
export const TRANSFERRED = 1;
export const EXECUTED = 2;
export const ACKED = 3;
export const FAILED = 4;
export const ERRORS = 5;
export const BUSY_MS = 6;
export const BACKPRESSURE_MS = 7;
export const EXECUTE_SUM_MS = 8;
export const EXECUTE_COUNT = 9;
export const PROCESS_SUM_MS = 10;
export const PROCESS_COUNT = 11;
export const COMPLETE_SUM_MS = 12;
export const COMPLETE_COUNT = 13;
export const COUNTERS = 14;

/** The counters of a task snapshot, in vector order. */
export function countersOf(
  t: TaskStatsSnapshot,
  into: Float64Array = new Float64Array(COUNTERS),
): Float64Array {
  into[EMITTED] = t.emitted;
  into[TRANSFERRED] = t.transferred;
  into[EXECUTED] = t.executed;
  into[ACKED] = t.acked;
  into[FAILED] = t.failed;
  into[ERRORS] = t.errors;
  into[BUSY_MS] = t.busyMs;
  into[BACKPRESSURE_MS] = t.backpressureMs;
  into[EXECUTE_SUM_MS] = (t.executeLatency?.meanMs ?? 0) * (t.executeLatency?.count ?? 0);
  into[EXECUTE_COUNT] = t.executeLatency?.count ?? 0;
  into[PROCESS_SUM_MS] = (t.processLatency?.meanMs ?? 0) * (t.processLatency?.count ?? 0);
  into[PROCESS_COUNT] = t.processLatency?.count ?? 0;
  into[COMPLETE_SUM_MS] = (t.completeLatency?.meanMs ?? 0) * (t.completeLatency?.count ?? 0);
  into[COMPLETE_COUNT] = t.completeLatency?.count ?? 0;
  return into;
}
