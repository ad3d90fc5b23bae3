/**
 * One topology in local mode: `config.workers` workers on this thread, each a `WorkerRuntime` with
 * its share of the executors (round-robin), connected through the in-process transport. With one
 * worker there is no transport at all: every emit goes straight into a receive queue.
 *
 * Stopping is global: spouts everywhere are deactivated first, then the workers are stepped until
 * all of them are idle with nothing queued or in flight between them (or the drain timeout passes),
 * then components close. A worker that crashes stops the others too.
 */
import type { Topology } from '../api/topology.js';
import {
  childLogger,
  runtimeTopology,
  summarize,
  workerCount,
  TaskPlan,
  WorkerRuntime,
  type ComponentSummary,
  type ErrorRecord,
  type Logger,
  type StopReport,
  type TaskStatsSnapshot,
  type WorkerState,
} from '../runtime/index.js';
import { InProcessHub, InProcessTransport } from '../transport/index.js';
import { shellAdapter } from '../multilang/shell-adapter.js';
import { hostname } from 'node:os';
import { ProcessProbe } from '../metrics/process-probe.js';
import type { WorkerSample } from '../metrics/worker-sample.js';
import { assignRoundRobin } from './assign-round-robin.js';
import type { Clock, TimerHandle } from '../util/clock.js';
import { systemClock } from '../util/clock.js';

export interface LocalTopologyOptions {
  readonly name: string;
  readonly topology: Topology;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly onFatal: () => void;
}

export { assignRoundRobin } from './assign-round-robin.js';

export class LocalTopology {
  readonly workers: readonly WorkerRuntime[];
  readonly startedAt = Date.now();
  readonly #hub: InProcessHub | null;
  readonly #transports: InProcessTransport[] = [];
  readonly #clock: Clock;
  #stopping: Promise<StopReport> | null = null;
  #fatal = false;
  readonly #probe = new ProcessProbe();
  readonly #ids: readonly string[];

  constructor(readonly options: LocalTopologyOptions) {
    const { topology, name, logger } = options;
    this.#clock = options.clock ?? systemClock;
    // Executors of Gale's own components (the ackers) are spread with the user's.
    const plan = new TaskPlan(runtimeTopology(topology));
    const n = workerCount(topology);
    if (n === 1) {
      this.#hub = null;
      this.#ids = ['local'];
      this.workers = [
        new WorkerRuntime({
          adapter: shellAdapter,
          topologyName: name,
          topology,
          logger: childLogger(logger, { topology: name, worker: 'local' }),
          ...this.#common(),
        }),
      ];
      return;
    }
    const hub = new InProcessHub();
    this.#hub = hub;
    const assignment = assignRoundRobin(plan, n);
    const ids = assignment.map((_, i) => `${name}-w${i + 1}`);
    this.#ids = ids;
    const workerOf = new Map<number, string>();
    assignment.forEach((tasks, i) => tasks.forEach((t) => workerOf.set(t, ids[i]!)));
    this.workers = assignment.map((localTasks, i) => {
      const transport = new InProcessTransport(ids[i]!, hub);
      this.#transports.push(transport);
      const remoteTasks = new Map([...workerOf].filter(([, w]) => w !== ids[i]));
      return new WorkerRuntime({
        adapter: shellAdapter,
        topologyName: name,
        topology,
        logger: childLogger(logger, { topology: name, worker: ids[i] }),
        localTasks,
        transport,
        remoteTasks,
        ...this.#common(),
      });
    });
  }

  /** Starts every worker; if one fails, the ones started are stopped and the error is thrown. */
  start(): void {
    const started: WorkerRuntime[] = [];
    try {
      for (const w of this.workers) {
        w.start();
        started.push(w);
      }
    } catch (err) {
      for (const w of started) void w.stop(0);
      void Promise.all(this.#transports.map((t) => t.close()));
      throw err;
    }
  }

  get state(): WorkerState {
    return this.workers[0]!.state;
  }

  get topology(): Topology {
    return this.options.topology;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  activate(): void {
    for (const w of this.workers) w.activate();
  }

  deactivate(): void {
    for (const w of this.workers) w.deactivate();
  }

  stats(): TaskStatsSnapshot[] {
    return this.workers.flatMap((w) => w.stats()).sort((a, b) => a.taskId - b.taskId);
  }

  components(): ComponentSummary[] {
    return summarize(this.stats());
  }

  queued(): number {
    return this.workers.reduce((n, w) => n + w.queuedTuples(), 0) + (this.#hub?.inFlightTuples() ?? 0);
  }

  /** A sample of each worker now (they share this thread: one process sample for all). */
  workerSamples(): WorkerSample[] {
    const time = Date.now();
    const proc = this.#probe.sample();
    return this.workers.map((w, i) => ({
      worker: this.#ids[i]!,
      host: hostname(),
      port: null,
      pid: process.pid,
      time,
      process: proc,
      tasks: w.stats(),
      errors: w.errors.list(),
    }));
  }

  errors(component?: string): ErrorRecord[] {
    const all = this.workers.flatMap((w) => w.errors.list(component)).sort((a, b) => a.time - b.time);
    if (this.workers.length === 1) return all;
    // Each worker keeps the latest errors of its own tasks; merged, keep that many per component.
    const keep = this.options.topology.config.maxErrorsPerComponent;
    const kept = new Map<string, number>();
    const latest: ErrorRecord[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const r = all[i]!;
      const n = kept.get(r.component) ?? 0;
      if (n >= keep) continue;
      kept.set(r.component, n + 1);
      latest.push(r);
    }
    return latest.reverse();
  }

  /** Deactivates, drains (up to `drainTimeoutMs`), closes every component. Idempotent. */
  stop(drainTimeoutMs = 30_000): Promise<StopReport> {
    this.#stopping ??= this.#stop(drainTimeoutMs);
    return this.#stopping;
  }

  async #stop(drainTimeoutMs: number): Promise<StopReport> {
    const deadline = this.#clock.now() + drainTimeoutMs;
    if (this.workers.length > 1) {
      this.deactivate();
      // Idle everywhere at once: a worker can only become busy again through a message in flight.
      // Raced with the deadline: a worker with a long backlog must not hold the stop past it.
      while (this.#clock.now() < deadline) {
        const idle = await this.#idleBefore(deadline);
        if (idle && this.workers.every((w) => w.isQuiescent()) && this.#hub!.inFlight() === 0) break;
      }
    }
    const remaining = Math.max(0, deadline - this.#clock.now());
    const reports = await Promise.all(this.workers.map((w) => w.stop(remaining)));
    this.#probe.close();
    await Promise.all(this.#transports.map((t) => t.close()));
    // After a timed-out drain, batches flushed by a stopping worker (or waiting in an inbox) land
    // in queues of workers that already stopped: they are dropped too.
    const late = this.workers.length > 1 ? this.workers.reduce((n, w) => n + w.queuedTuples(), 0) : 0;
    return {
      drained: reports.every((r) => r.drained) && late === 0,
      dropped: reports.reduce((n, r) => n + r.dropped, 0) + late + (this.#hub?.dropped ?? 0),
    };
  }

  /** Resolves true once every worker was idle, false when `deadline` comes first. */
  async #idleBefore(deadline: number): Promise<boolean> {
    let timer: TimerHandle | null = null;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = this.#clock.setTimer(Math.max(0, deadline - this.#clock.now()), () => resolve(false));
    });
    const idle = Promise.all(this.workers.map((w) => w.whenIdle())).then(() => true);
    const result = await Promise.race([idle, timedOut]);
    (timer as TimerHandle | null)?.cancel();
    return result;
  }

  /** A worker crashed: stop the others too, or they would run on with nobody owning them. */
  readonly #onFatal = (): void => {
    if (this.#fatal) return;
    this.#fatal = true;
    void this.stop(0);
    this.options.onFatal();
  };

  #common(): { clock?: Clock; onFatal: () => void } {
    return { ...(this.options.clock ? { clock: this.options.clock } : {}), onFatal: this.#onFatal };
  }
}
