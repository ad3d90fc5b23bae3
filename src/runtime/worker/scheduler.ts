/**
 * The cooperative scheduler of one worker (STYLE.md H6). It steps every executor in turn, back to
 * back for up to `sliceMs`, then yields to the event loop with one `setImmediate` (I/O, timers and
 * user callbacks run between slices). When a whole round does no work it parks: a delivery or a
 * tick wakes it through `wake()`, and an idle spout's backoff through a timer.
 *
 * Hot path: the round loop. It allocates nothing; one clock read per round.
 */
import type { Clock, TimerHandle } from '../../util/clock.js';
import type { Executor } from '../executor/executor.js';
import type { Activator } from './activator.js';

export interface SchedulerOptions {
  readonly budget: number;
  readonly sliceMs: number;
  readonly clock: Clock;
  /** Called at the end of every slice (flush outbound batches, resume inbound). */
  readonly onSliceEnd?: () => void;
  /** Called when a step throws (a bug: user errors are caught inside executors). */
  readonly onCrash: (err: unknown) => void;
}

export class Scheduler implements Activator {
  #executors: readonly Executor[] = [];
  #parked = true;
  #running = false;
  #closed = false;
  #scheduled = false;
  #wakeRequested = false;
  #timer: TimerHandle | null = null;
  #idleWaiters: (() => void)[] = [];
  readonly #options: SchedulerOptions;

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  get parked(): boolean {
    return this.#parked;
  }

  setExecutors(executors: readonly Executor[]): void {
    this.#executors = executors;
  }

  /** Starts stepping (idempotent). */
  start(): void {
    if (this.#running || this.#closed) return;
    this.#running = true;
    this.wake();
  }

  /** Schedules a slice soon if the scheduler is parked. */
  wake(): void {
    if (!this.#running) return;
    if (this.#scheduled) {
      // A slice is pending or running: it must not park without looking again.
      this.#wakeRequested = true;
      return;
    }
    this.#parked = false;
    this.#scheduled = true;
    if (this.#timer !== null) {
      this.#timer.cancel();
      this.#timer = null;
    }
    setImmediate(this.#slice);
  }

  /** Resolves once a whole round did no work and no executor holds input: drained. */
  whenIdle(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.wake();
    });
  }

  /** Stops stepping; resolves pending `whenIdle` calls. Idempotent. */
  stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#running = false;
    this.#parked = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#releaseIdleWaiters();
  }

  #slice = (): void => {
    // `#scheduled` stays set while the slice runs, so a wake from inside it starts no second chain.
    this.#wakeRequested = false;
    if (!this.#running) {
      this.#scheduled = false;
      return;
    }
    const { clock, budget, sliceMs } = this.#options;
    const executors = this.#executors;
    const start = clock.now();
    let now = start;
    let progress: boolean;
    try {
      do {
        progress = false;
        for (let i = 0; i < executors.length && this.#running; i++) {
          if (executors[i]!.runOnce(budget, now)) progress = true;
        }
        now = clock.now();
      } while (progress && this.#running && now - start < sliceMs);
      this.#options.onSliceEnd?.();
    } catch (err) {
      this.#scheduled = false;
      this.#options.onCrash(err);
      return;
    }
    if (progress || this.#wakeRequested) {
      setImmediate(this.#slice);
      return;
    }
    this.#scheduled = false;
    this.#park(now);
  };

  #park(now: number): void {
    if (this.#idleWaiters.length > 0 && !this.#executors.some((e) => e.hasQueuedInput()))
      this.#releaseIdleWaiters();
    let wakeAt = Infinity;
    for (const e of this.#executors) wakeAt = Math.min(wakeAt, e.wakeAt());
    this.#parked = true;
    this.#timer?.cancel();
    this.#timer = null;
    if (wakeAt !== Infinity) {
      this.#timer = this.#options.clock.setTimer(Math.max(0, wakeAt - now), () => {
        this.#timer = null;
        this.wake();
      });
    }
  }

  #releaseIdleWaiters(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}
