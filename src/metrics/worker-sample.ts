/**
 * What one worker reports about itself at one moment: its process and the counters of its tasks.
 * Local mode takes these from its runtimes; cluster workers put them in their heartbeats. The
 * UI, `gale status` and the Prometheus endpoints are all built from samples.
 */
import type { ErrorRecord, TaskStatsSnapshot } from '../runtime/index.js';

/** Memory and event loop of the worker's process (or thread). */
export interface ProcessSample {
  readonly uptimeSecs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  /** Event-loop delay since the previous sample, ms. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** An error with where it happened. */
export interface ErrorEntry extends ErrorRecord {
  readonly worker: string;
  readonly host: string;
}

export interface WorkerSample {
  /**
   * `supervisor:port` in cluster mode; in local mode `local` (one worker), `<topology>-w<n>`
   * (workers on this thread) or `<topology>-t<n>` (worker threads).
   */
  readonly worker: string;
  readonly host: string;
  readonly port: number | null;
  readonly pid: number;
  /** Wall-clock time of the sample, ms since the epoch. */
  readonly time: number;
  readonly process: ProcessSample;
  readonly tasks: readonly TaskStatsSnapshot[];
  /** The worker's kept errors, oldest first. */
  readonly errors: readonly ErrorRecord[];
}

/** The process of a worker that has not reported one yet. */
export const NO_PROCESS: ProcessSample = Object.freeze({
  uptimeSecs: 0,
  rssBytes: 0,
  heapUsedBytes: 0,
  heapTotalBytes: 0,
  eventLoopDelayMs: Object.freeze({ p50: 0, p99: 0, max: 0 }),
});
