/**
 * One topology in local mode: `config.workers` workers on this thread, each a `WorkerRuntime` with
 * its share of the executors (round-robin), connected through the in-process transport. With one
 * worker there is no transport at all: every emit goes straight into a receive queue.
 *
 * Stopping is global: spouts everywhere are deactivated first, then the workers are stepped until
 * all of them are idle with nothing queued or in flight between them, then components close.
 */
import type { Topology } from '../api/topology.js';
import {
  summarize,
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
import type { Clock } from '../util/clock.js';
import { systemClock } from '../util/clock.js';

export interface LocalTopologyOptions {
  readonly name: string;
  readonly topology: Topology;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly onFatal: () => void;
}

/** Spreads executors over `workers` workers round-robin; returns each worker's task ids. */
export function assignRoundRobin(plan: TaskPlan, workers: number): number[][] {
  const tasks: number[][] = Array.from({ length: workers }, () => []);
  plan.executors.forEach((e, i) => tasks[i % workers]!.push(...e.taskIds));
  return tasks.map((t) => t.sort((a, b) => a - b));
}

export class LocalTopology {
  readonly workers: readonly WorkerRuntime[];
  readonly startedAt = Date.now();
  readonly #hub: InProcessHub | null;
  readonly #transports: InProcessTransport[] = [];
  readonly #clock: Clock;
  #stopping: Promise<StopReport> | null = null;

  constructor(readonly options: LocalTopologyOptions) {
    const { topology, name, logger } = options;
    this.#clock = options.clock ?? systemClock;
    const n = Math.max(1, Math.min(topology.config.workers, new TaskPlan(topology).executors.length));
    if (n === 1) {
      this.#hub = null;
      this.workers = [new WorkerRuntime({ topologyName: name, topology, logger, ...this.#common() })];
      return;
    }
    const hub = new InProcessHub();
    this.#hub = hub;
    const assignment = assignRoundRobin(new TaskPlan(topology), n);
    const ids = assignment.map((_, i) => `${name}-w${i + 1}`);
    const workerOf = new Map<number, string>();
    assignment.forEach((tasks, i) => tasks.forEach((t) => workerOf.set(t, ids[i]!)));
    this.workers = assignment.map((localTasks, i) => {
      const transport = new InProcessTransport(ids[i]!, hub);
      this.#transports.push(transport);
      const remoteTasks = new Map([...workerOf].filter(([, w]) => w !== ids[i]));
      return new WorkerRuntime({
        topologyName: name,
        topology,
        logger,
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
    return this.workers.reduce((n, w) => n + w.queuedTuples(), 0) + (this.#hub?.inFlight() ?? 0);
  }

  errors(component?: string): ErrorRecord[] {
    return this.workers.flatMap((w) => w.errors.list(component)).sort((a, b) => a.time - b.time);
  }

  /** Deactivates, drains (up to `drainTimeoutMs`), closes every component. Idempotent. */
  stop(drainTimeoutMs = 30_000): Promise<StopReport> {
    this.#stopping ??= this.#stop(drainTimeoutMs);
    return this.#stopping;
  }

  async #stop(drainTimeoutMs: number): Promise<StopReport> {
    if (this.workers.length > 1) {
      this.deactivate();
      const deadline = this.#clock.now() + drainTimeoutMs;
      // Idle everywhere at once: a worker can only become busy again through a message in flight.
      while (this.#clock.now() < deadline) {
        await Promise.all(this.workers.map((w) => w.whenIdle()));
        if (this.workers.every((w) => w.isQuiescent()) && this.#hub!.inFlight() === 0) break;
      }
    }
    const remaining = Math.max(0, drainTimeoutMs);
    const reports = await Promise.all(this.workers.map((w) => w.stop(remaining)));
    await Promise.all(this.#transports.map((t) => t.close()));
    return {
      drained: reports.every((r) => r.drained),
      dropped: reports.reduce((n, r) => n + r.dropped, 0) + (this.#hub?.dropped ?? 0),
    };
  }

  #common(): { clock?: Clock; onFatal: () => void } {
    return { ...(this.options.clock ? { clock: this.options.clock } : {}), onFatal: this.options.onFatal };
  }
}
