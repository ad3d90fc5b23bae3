/**
 * Runs the tasks of one bolt: each step drains up to `budget` tuples from the tasks' receive
 * queues, oldest first per queue, and stops early while a downstream queue this executor filled
 * is still over its capacity (backpressure propagates upstream one queue at a time).
 */
import type { ErrorSink } from '../collector/error-sink.js';
import { noteBlocked, type TaskStats } from '../stats/task-stats.js';
import type { BoltTask } from './bolt-task.js';
import type { Executor } from './executor.js';

export class BoltExecutor implements Executor {
  readonly kind = 'bolt' as const;
  readonly taskIds: readonly number[];
  readonly stats: readonly TaskStats[];
  /** Tasks prepared so far (a prefix of `tasks`): the ones `close` must clean up. */
  #prepared = 0;
  #startingTask = 0;

  constructor(
    readonly component: string,
    readonly tasks: readonly BoltTask[],
    private readonly errors: ErrorSink,
    /** Time steps (latency, busy and backpressure time): the `metrics` setting. */
    private readonly timed = true,
  ) {
    this.taskIds = tasks.map((t) => t.taskId);
    this.stats = tasks.map((t) => t.stats);
  }

  get startingTask(): number {
    return this.#startingTask;
  }

  start(): void {
    for (const t of this.tasks) {
      this.#startingTask = t.taskId;
      t.prepare();
      this.#prepared++;
    }
  }

  runOnce(budget: number, now: number): boolean {
    let done = 0;
    const tasks = this.tasks;
    const share = tasks.length === 1 ? budget : Math.max(1, Math.floor(budget / tasks.length));
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i]!;
      const limit = t.room(share);
      if (limit <= 0) continue;
      const queue = t.queue;
      const emitter = t.collector.emitter;
      let n = 0;
      // Execute latency is timed per step, not per tuple: two clock reads per tuple would cost
      // more than many executes, and a branch in this loop keeps V8 from inlining `execute`.
      const first = queue.peek();
      const timed = this.timed && first !== undefined;
      const start = timed ? performance.now() : 0;
      // The step's first tuple is timed from here to its ack: the process latency, sampled.
      if (timed) {
        t.collector.sampled = first;
        t.collector.sampledAt = start;
      }
      while (n < limit) {
        if (emitter.isBlocked()) break;
        const tuple = queue.shift();
        if (tuple === undefined) break;
        t.execute(tuple);
        n++;
      }
      if (timed) noteBlocked(t.stats, emitter.isBlocked(), now);
      if (n > 0) {
        if (timed) {
          const ms = performance.now() - start;
          t.stats.busyMs += ms;
          t.stats.executeLatency.recordMean(ms, n);
        }
        t.endStep();
        if (queue.size <= queue.resumeAt) queue.lowSeen = true;
      }
      done += n;
    }
    return done > 0;
  }

  wakeAt(): number {
    return Infinity;
  }

  /** Sends what every task held back in its last step (see `BoltTask.endStep`). */
  flushAcks(): boolean {
    let sent = false;
    for (const t of this.tasks) if (t.endStep()) sent = true;
    return sent;
  }

  hasQueuedInput(): boolean {
    for (const t of this.tasks) if (!t.queue.isEmpty() || t.holdsInput()) return true;
    return false;
  }

  close(): void {
    const prepared = this.#prepared;
    this.#prepared = 0;
    for (let i = 0; i < prepared; i++) {
      const t = this.tasks[i]!;
      try {
        t.cleanup();
      } catch (err) {
        this.errors.report(this.component, t.taskId, err);
      }
    }
  }
}
