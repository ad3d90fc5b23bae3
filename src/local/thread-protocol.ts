/**
 * What the main thread and the worker threads of a threaded local topology say to each other. A
 * worker thread starts from its `workerData` (module, tasks, ports to its peers) and reports
 * `started`; after that the main thread sends commands.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ErrorRecord, StopReport, TaskStatsSnapshot } from '../runtime/index.js';
import type { ProcessSample } from '../metrics/worker-sample.js';

export interface ThreadWorkerData {
  readonly topologyFile: string;
  readonly topologyName: string;
  readonly workerId: string;
  /** The levels the main thread's logger writes: the thread sends only lines at these. */
  readonly logLevels: readonly ('debug' | 'info' | 'warn' | 'error')[];
  /** Config over the module's own. */
  readonly config: Record<string, unknown>;
  readonly localTasks: readonly number[];
  /** Every task of another worker, with that worker's id. */
  readonly remoteTasks: readonly (readonly [number, string])[];
  /** This worker's end of the channel to each other worker. */
  readonly ports: Readonly<Record<string, MessagePort>>;
}

export type ThreadCommand =
  | { readonly type: 'activate' }
  | { readonly type: 'deactivate' }
  | { readonly type: 'status' }
  | { readonly type: 'stop'; readonly drainTimeoutMs: number };

export type ThreadReport =
  | { readonly type: 'started' }
  | {
      readonly type: 'status';
      /** Tuples queued in this worker or waiting in its transport. */
      readonly queued: number;
      readonly tasks: TaskStatsSnapshot[];
      readonly errors: ErrorRecord[];
      /** The thread's heap and event loop (rss is the process's). */
      readonly process: ProcessSample;
    }
  | {
      readonly type: 'stopped';
      readonly report: StopReport;
      readonly tasks: TaskStatsSnapshot[];
      readonly errors: ErrorRecord[];
    }
  | {
      readonly type: 'log';
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly fields: Record<string, unknown>;
      readonly message: string;
    }
  /** Starting failed, or the worker stopped itself on an error. */
  | { readonly type: 'fatal'; readonly message: string };
