/**
 * Runs the tasks of one spout. Each step calls `nextTuple` while the step's budget lasts and
 * downstream has room; a spout that emits nothing is polled again after a growing pause (capped
 * by `spoutIdleBackoffMaxMs`), so an idle spout costs almost no CPU. Throwing from `nextTuple` is
 * reported and treated like an idle call: backed off, never fatal.
 *
 * With acking on, each task also has a receive queue: the ackers' verdicts on its tuple trees and
 * a tick every message timeout. Every step first handles those (even while the spout is
 * deactivated or held back), calling `ack` or `fail` on the spout's own thread between
 * `nextTuple` calls; then it polls, unless `maxSpoutPending` trees are pending.
 */
import type { Spout } from '../../api/spout.js';
import type { MessageId } from '../../api/streams.js';
import { ACK_COMPLETE, ACK_RESET } from '../acking/system-streams.js';
import type { ReceiveQueue } from '../queue/receive-queue.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import type { TopologyContext } from '../../api/topology-context.js';
import type { ErrorSink } from '../collector/error-sink.js';
import type { SpoutOutputCollectorImpl } from '../collector/spout-output-collector-impl.js';
import { noteBlocked, type TaskStats } from '../stats/task-stats.js';
import type { Executor } from './executor.js';

export interface SpoutTask {
  readonly taskId: number;
  readonly spout: Spout;
  readonly collector: SpoutOutputCollectorImpl;
  readonly context: TopologyContext;
  readonly stats: TaskStats;
  /** Ack verdicts and timeout ticks (acking on); `null` with acking off. */
  readonly queue: ReceiveQueue<TupleImpl> | null;
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
    readonly tasks: readonly SpoutTask[],
    private readonly errors: ErrorSink,
    private readonly backoffMaxMs: number,
    /** Time steps (busy and backpressure time): the `metrics` setting. */
    private readonly timed = true,
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

  /**
   * Fails every pending tuple tree at the next step (a worker of the topology died, so trees that
   * crossed it may never complete): a reliable spout replays at once, without waiting for the
   * message timeout. Verdicts that arrive later for those roots are ignored.
   */
  failPending(): void {
    this.#failPendingRequested = true;
  }

  #failPendingRequested = false;

  runOnce(budget: number, now: number): boolean {
    let verdicts = 0;
    if (this.#failPendingRequested) {
      this.#failPendingRequested = false;
      for (const t of this.tasks) {
        const pending = t.collector.tracking?.pending;
        if (pending === undefined) continue;
        for (const id of pending.expireAll()) this.#fail(t, id);
        verdicts++;
      }
    }
    for (const t of this.tasks) {
      if (t.queue !== null && !t.queue.isEmpty()) verdicts += this.#verdicts(t, budget, now);
    }
    if (!this.#active || now < this.#wakeAt) return verdicts > 0;
    let emitted = 0;
    let polled = false;
    const share = Math.max(1, Math.floor(budget / this.tasks.length));
    for (const t of this.tasks) {
      // A task held back by backpressure or max spout pending is not idle: it must not build up
      // backoff, so that it is polled again as soon as downstream drains or trees complete.
      const blocked = t.collector.emitter.isBlocked();
      if (this.timed) noteBlocked(t.stats, blocked, now);
      if (blocked || t.collector.tracking?.pending.isFull() === true) continue;
      polled = true;
      t.collector.now = now;
      if (this.timed) {
        const start = performance.now();
        emitted += this.#step(t, share);
        t.stats.busyMs += performance.now() - start;
      } else emitted += this.#step(t, share);
      t.collector.tracking?.sender.flush();
    }
    if (emitted > 0) {
      this.#idleSteps = 0;
      return true;
    }
    if (!polled) return verdicts > 0;
    // Idle: a few immediate retries, then pauses of 1, 2, 4 … ms up to the cap.
    this.#idleSteps++;
    if (this.#idleSteps > 3) {
      const pause = Math.min(this.backoffMaxMs, 2 ** Math.min(this.#idleSteps - 4, 16));
      this.#wakeAt = now + pause;
    }
    return verdicts > 0;
  }

  wakeAt(): number {
    return this.#active ? this.#wakeAt : Infinity;
  }

  flushAcks(): boolean {
    let sent = false;
    for (const t of this.tasks) if (t.collector.tracking?.sender.flush() === true) sent = true;
    return sent;
  }

  hasQueuedInput(): boolean {
    for (const t of this.tasks) if (t.queue !== null && !t.queue.isEmpty()) return true;
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
    const pending = t.collector.tracking?.pending ?? null;
    const stats = t.stats;
    const start = stats.emitted;
    let before = start;
    while (
      stats.emitted - start < budget &&
      !emitter.isBlocked() &&
      (pending === null || !pending.isFull())
    ) {
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

  /** Handles up to `budget` verdicts and ticks of task `t`; returns how many. */
  #verdicts(t: SpoutTask, budget: number, now: number): number {
    const queue = t.queue!;
    const pending = t.collector.tracking!.pending;
    let n = 0;
    while (n < budget) {
      const tuple = queue.shift();
      if (tuple === undefined) break;
      n++;
      if (tuple.isTick()) {
        for (const id of pending.expire()) this.#fail(t, id);
        continue;
      }
      const packed = tuple.values[0] as readonly number[];
      for (let i = 0; i < packed.length; i += 2) {
        const root = packed[i]!;
        const outcome = packed[i + 1];
        if (outcome === ACK_RESET) {
          pending.resetTimeout(root);
          continue;
        }
        if (!pending.take(root)) continue; // timed out (and failed) before the verdict came
        if (outcome === ACK_COMPLETE) {
          // Sampled, one tree in 8 weighted 8 (recording costs about 100 ns).
          if ((t.stats.acked & 7) === 0)
            t.stats.completeLatency.recordMean(8 * (now - pending.takenEmittedAt), 8);
          this.#ack(t, pending.takenMessageId);
        } else {
          this.#fail(t, pending.takenMessageId);
        }
      }
    }
    return n;
  }

  #ack(t: SpoutTask, id: MessageId): void {
    t.stats.acked++;
    try {
      t.spout.ack(id);
    } catch (err) {
      this.errors.report(this.component, t.taskId, err);
    }
  }

  #fail(t: SpoutTask, id: MessageId): void {
    t.stats.failed++;
    try {
      t.spout.fail(id);
    } catch (err) {
      this.errors.report(this.component, t.taskId, err);
    }
  }

  #ackPending(t: SpoutTask): void {
    const ids = t.collector.pendingAcks;
    for (let i = 0; i < ids.length; i++) this.#ack(t, ids[i]!);
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
