/**
 * One topology in local mode on worker threads: `config.workers` threads, each running its share
 * of the executors (round-robin, as `LocalTopology`) on its own event loop, so a topology uses
 * every core. Each thread imports the topology module itself: components are made by factories,
 * which cannot cross threads, so this mode needs the module's file. Threads exchange batches
 * through worker ports (`PortTransport`).
 *
 * The main thread keeps the latest counters and errors of every thread (refreshed every
 * `refreshMs`), and stops the topology as `LocalTopology` does: deactivate spouts everywhere,
 * wait until nothing is queued in any thread and the counters stand still, then stop each thread.
 */
import { hostname } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { NO_PROCESS, type WorkerSample } from '../metrics/worker-sample.js';
import type { Topology } from '../api/topology.js';
import {
  runtimeTopology,
  summarize,
  TaskPlan,
  type ComponentSummary,
  type ErrorRecord,
  type Logger,
  type StopReport,
  type TaskStatsSnapshot,
  type WorkerState,
} from '../runtime/index.js';
import { portMesh } from '../transport/index.js';
import { assignRoundRobin } from './assign-round-robin.js';
import { awaitQuiet } from './await-quiet.js';
import type { ThreadCommand, ThreadReport, ThreadWorkerData } from './thread-protocol.js';

const THREAD_MAIN = new URL('./worker-thread-main.js', import.meta.url);
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export interface ThreadedTopologyOptions {
  readonly name: string;
  /** The module the topology came from; every thread imports it. */
  readonly file: string;
  /** The topology with its effective config (what the threads rebuild from the module). */
  readonly topology: Topology;
  /** Config the threads lay over the module's own (to reach `topology.config`). */
  readonly config: Record<string, unknown>;
  readonly workers: number;
  readonly logger: Logger;
  readonly onFatal: () => void;
  readonly refreshMs?: number;
}

class ThreadHandle {
  latest: Extract<ThreadReport, { type: 'status' }> | null = null;
  /** When `latest` came, ms since the epoch. */
  latestAt = 0;
  stopped: Extract<ThreadReport, { type: 'stopped' }> | null = null;
  #waiters: ((r: ThreadReport) => boolean)[] = [];

  constructor(
    readonly id: string,
    readonly thread: Worker,
  ) {}

  send(command: ThreadCommand): void {
    this.thread.postMessage(command);
  }

  /** Resolves with the next report that `accept` takes. */
  next<T extends ThreadReport>(accept: (r: ThreadReport) => r is T): Promise<T> {
    return new Promise((resolve) => {
      this.#waiters.push((r) => {
        if (!accept(r)) return false;
        resolve(r);
        return true;
      });
    });
  }

  /** The thread is gone: anyone waiting for its stop gets what is known. */
  exited(): void {
    if (this.stopped !== null) return;
    this.received({
      ...(this.latest ?? { type: 'status', tasks: [], errors: [], process: NO_PROCESS }),
      queued: 0,
    });
    this.received({
      type: 'stopped',
      report: { drained: false, dropped: this.latest?.queued ?? 0 },
      tasks: this.latest?.tasks ?? [],
      errors: this.latest?.errors ?? [],
    });
  }

  received(r: ThreadReport): void {
    if (r.type === 'status') {
      this.latest = r;
      this.latestAt = Date.now();
    }
    if (r.type === 'stopped') this.stopped = r;
    this.#waiters = this.#waiters.filter((w) => !w(r));
  }
}

const isStatus = (r: ThreadReport): r is Extract<ThreadReport, { type: 'status' }> => r.type === 'status';
const isStopped = (r: ThreadReport): r is Extract<ThreadReport, { type: 'stopped' }> => r.type === 'stopped';

export class ThreadedTopology {
  readonly startedAt = Date.now();
  readonly #options: ThreadedTopologyOptions;
  readonly #threads: ThreadHandle[] = [];
  #state: WorkerState = 'created';
  #refresh: NodeJS.Timeout | null = null;
  #stopping: Promise<StopReport> | null = null;
  #fatal = false;

  constructor(options: ThreadedTopologyOptions) {
    this.#options = options;
  }

  get topology(): Topology {
    return this.#options.topology;
  }

  get workerCount(): number {
    return this.#options.workers;
  }

  get state(): WorkerState {
    return this.#state;
  }

  /** Starts every thread; rejects (with every thread stopped) if one fails to start. */
  async start(): Promise<void> {
    const { topology, workers, file, name, config, logger } = this.#options;
    const assignment = assignRoundRobin(new TaskPlan(runtimeTopology(topology)), workers);
    const ids = assignment.map((_, i) => `${name}-t${i + 1}`);
    const workerOf = new Map<number, string>();
    assignment.forEach((tasks, i) => tasks.forEach((t) => workerOf.set(t, ids[i]!)));
    const mesh = portMesh(ids, () => new MessageChannel());
    const started: Promise<void>[] = [];
    ids.forEach((id, i) => {
      const ports = Object.fromEntries(mesh.get(id)!);
      const data: ThreadWorkerData = {
        topologyFile: file,
        topologyName: name,
        workerId: id,
        logLevels: LOG_LEVELS.filter((l) => logger.isLevelEnabled?.(l) ?? true),
        config,
        localTasks: assignment[i]!,
        remoteTasks: [...workerOf].filter(([, w]) => w !== id),
        ports,
      };
      const thread = new Worker(THREAD_MAIN, { workerData: data, transferList: Object.values(ports) });
      const handle = new ThreadHandle(id, thread);
      this.#threads.push(handle);
      started.push(
        new Promise((resolve, reject) => {
          thread.on('message', (r: ThreadReport) => {
            if (r.type === 'log') logger[r.level](r.fields, r.message);
            else if (r.type === 'started') resolve();
            else if (r.type === 'fatal') {
              reject(new Error(r.message));
              this.#onFatal(id, r.message);
            }
            handle.received(r);
          });
          thread.on('error', (err) => {
            reject(err);
            this.#onFatal(id, err.message);
          });
          thread.on('exit', () => {
            reject(new Error(`worker thread ${id} exited while starting`));
            handle.exited();
          });
        }),
      );
    });
    try {
      await Promise.all(started);
    } catch (err) {
      await this.#terminate();
      this.#state = 'stopped';
      throw err;
    }
    this.#state = 'active';
    this.#refresh = setInterval(() => this.#poll(), this.#options.refreshMs ?? 200);
    this.#refresh.unref();
    this.#poll();
  }

  activate(): void {
    if (this.#state !== 'inactive') return;
    this.#state = 'active';
    for (const t of this.#threads) t.send({ type: 'activate' });
  }

  deactivate(): void {
    if (this.#state !== 'active') return;
    this.#state = 'inactive';
    for (const t of this.#threads) t.send({ type: 'deactivate' });
  }

  /** The latest counters of every task (refreshed every `refreshMs`; final after a stop). */
  stats(): TaskStatsSnapshot[] {
    return this.#threads
      .flatMap((t) => t.stopped?.tasks ?? t.latest?.tasks ?? [])
      .sort((a, b) => a.taskId - b.taskId);
  }

  components(): ComponentSummary[] {
    return summarize(this.stats());
  }

  /** Tuples queued in the threads at their latest report. */
  queued(): number {
    return this.#threads.reduce((n, t) => n + (t.stopped === null ? (t.latest?.queued ?? 0) : 0), 0);
  }

  /** Each thread's latest report, as a worker sample (none before its first report). */
  workerSamples(): WorkerSample[] {
    const out: WorkerSample[] = [];
    for (const t of this.#threads) {
      const r = t.latest;
      if (r === null || t.stopped !== null) continue;
      out.push({
        worker: t.id,
        host: hostname(),
        port: null,
        pid: process.pid,
        time: t.latestAt,
        process: r.process,
        tasks: r.tasks,
        errors: r.errors,
      });
    }
    return out;
  }

  errors(component?: string): ErrorRecord[] {
    return this.#threads
      .flatMap((t) => t.stopped?.errors ?? t.latest?.errors ?? [])
      .filter((e) => component === undefined || e.component === component)
      .sort((a, b) => a.time - b.time);
  }

  /** Deactivates, drains (up to `drainTimeoutMs`), stops every thread. Idempotent. */
  stop(drainTimeoutMs = 30_000): Promise<StopReport> {
    this.#stopping ??= this.#stop(drainTimeoutMs);
    return this.#stopping;
  }

  async #stop(drainTimeoutMs: number): Promise<StopReport> {
    const deadline = Date.now() + drainTimeoutMs;
    if (this.#refresh !== null) clearInterval(this.#refresh);
    if (this.#state === 'active' || this.#state === 'inactive') {
      this.deactivate();
      this.#state = 'stopping';
      await awaitQuiet(async () => {
        const all = await this.#statusAll();
        return {
          queued: all.reduce((n, s) => n + s.queued, 0),
          key: all.map((s) => s.tasks.map((t) => `${t.emitted}/${t.executed}`).join(',')).join(';'),
        };
      }, deadline);
    }
    const remaining = Math.max(0, deadline - Date.now());
    const stopped = await Promise.all(
      this.#threads.map((t) => {
        if (t.stopped !== null) return Promise.resolve(t.stopped);
        const done = t.next(isStopped);
        t.send({ type: 'stop', drainTimeoutMs: remaining });
        return done;
      }),
    );
    await this.#terminate();
    this.#state = 'stopped';
    return {
      drained: stopped.every((s) => s.report.drained),
      dropped: stopped.reduce((n, s) => n + s.report.dropped, 0),
    };
  }

  #statusAll(): Promise<Extract<ThreadReport, { type: 'status' }>[]> {
    return Promise.all(
      this.#threads.map((t) => {
        if (t.stopped !== null)
          return Promise.resolve({
            type: 'status' as const,
            queued: 0,
            tasks: t.stopped.tasks,
            errors: t.stopped.errors,
            process: t.latest?.process ?? NO_PROCESS,
          });
        const next = t.next(isStatus);
        t.send({ type: 'status' });
        return next;
      }),
    );
  }

  #poll(): void {
    for (const t of this.#threads) t.send({ type: 'status' });
  }

  async #terminate(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.thread.terminate()));
  }

  #onFatal(worker: string, message: string): void {
    this.#options.logger.error(
      { topology: this.#options.name, worker, err: message },
      'worker thread failed',
    );
    if (this.#fatal || this.#state === 'created') return;
    this.#fatal = true;
    void this.stop(0).finally(() => this.#options.onFatal());
  }
}
