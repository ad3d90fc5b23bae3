/**
 * Runs the tasks of one spout. Each step calls `nextTuple` while the step's budget lasts and
 * downstream has room; a spout that emits nothing is polled again after a growing pause (capped
 * by `spoutIdleBackoffMaxMs`), so an idle spout costs almost no CPU. Throwing from `nextTuple` is
 * reported and treated like an idle call: backed off, never fatal.
 */
import type { Spout } from '../../api/spout.js';
import type { TopologyContext } from '../../api/topology-context.js';
import type { ErrorSink } from '../collector/error-sink.js';
import type { SpoutOutputCollectorImpl } from '../collector/spout-output-collector-impl.js';
import type { TaskStats } from '../stats/task-stats.js';
import type { Executor } from './executor.js';

export interface SpoutTask {
  readonly taskId: number;
  readonly spout: Spout;
  readonly collector: SpoutOutputCollectorImpl;
  readonly context: TopologyContext;
  readonly stats: TaskStats;
}

export class SpoutExecutor implements Executor {
  readonly kind = 'spout' as const;
  readonly taskIds: readonly number[];
  readonly stats: readonly TaskStats[];
  #active = false;
  /** Tasks opened so far (a prefix of `tasks`): the ones `close` must close. */
  #opened = 0;
  #startingTask = 0;
  #idleSteps = 0;
  #wakeAt = 0;

  constructor(
    readonly component: string,
    private readonly tasks: readonly SpoutTask[],
    private readonly errors: ErrorSink,
    private readonly backoffMaxMs: number,
  ) {
    this.taskIds = tasks.map((t) => t.taskId);
    this.stats = tasks.map((t) => t.stats);
  }

  get active(): boolean {
    return this.#active;
  }

  get startingTask(): number {
    return this.#startingTask;
  }

  start(): void {
    for (const t of this.tasks) {
      this.#startingTask = t.taskId;
      t.spout.open(t.context, t.collector);
      this.#opened++;
    }
  }

  activate(): void {
    if (this.#active) return;
    this.#active = true;
    this.#idleSteps = 0;
    this.#wakeAt = 0;
    for (const t of this.tasks) this.#call(t, () => t.spout.activate());
  }

  deactivate(): void {
    if (!this.#active) return;
    this.#active = false;
    for (const t of this.tasks) this.#call(t, () => t.spout.deactivate());
  }

  runOnce(budget: number, now: number): boolean {
    if (!this.#active || now < this.#wakeAt) return false;
    let emitted = 0;
    let polled = false;
    const share = Math.max(1, Math.floor(budget / this.tasks.length));
    for (const t of this.tasks) {
      // A task held back by backpressure is not idle: it must not build up backoff, so that it
      // is polled again as soon as downstream drains.
      if (t.collector.emitter.isBlocked()) continue;
      polled = true;
      emitted += this.#step(t, share);
    }
    if (emitted > 0) {
      this.#idleSteps = 0;
      return true;
    }
    if (!polled) return false;
    // Idle: a few immediate retries, then pauses of 1, 2, 4 … ms up to the cap.
    this.#idleSteps++;
    if (this.#idleSteps > 3) {
      const pause = Math.min(this.backoffMaxMs, 2 ** Math.min(this.#idleSteps - 4, 16));
      this.#wakeAt = now + pause;
    }
    return false;
  }

  wakeAt(): number {
    return this.#active ? this.#wakeAt : Infinity;
  }

  hasQueuedInput(): boolean {
    return false;
  }

  close(): void {
    const opened = this.#opened;
    this.#opened = 0;
    this.#active = false;
    for (let i = 0; i < opened; i++) {
      const t = this.tasks[i]!;
      this.#call(t, () => t.spout.close());
    }
  }

  /** Polls one task; returns the number of tuples it emitted. */
  #step(t: SpoutTask, budget: number): number {
    const emitter = t.collector.emitter;
    const stats = t.stats;
    const start = stats.emitted;
    let before = start;
    while (stats.emitted - start < budget && !emitter.isBlocked()) {
      try {
        t.spout.nextTuple();
      } catch (err) {
        this.errors.report(this.component, t.taskId, err);
        break;
      } finally {
        if (t.collector.pendingAcks.length > 0) this.#ackPending(t);
      }
      if (stats.emitted === before) break; // nothing ready: let the others run
      before = stats.emitted;
    }
    return stats.emitted - start;
  }

  #ackPending(t: SpoutTask): void {
    const ids = t.collector.pendingAcks;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      t.stats.acked++;
      this.#call(t, () => t.spout.ack(id));
    }
    ids.length = 0;
  }

  #call(t: SpoutTask, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.errors.report(this.component, t.taskId, err);
    }
  }
}
