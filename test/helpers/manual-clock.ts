/**
 * A `Clock` whose time moves only when a test calls `advance` (STYLE.md H13: injected time, no
 * global fake timers). Timers and intervals fire in due order, synchronously inside `advance`.
 */
import type { Clock, TimerHandle } from '../../src/util/clock.js';

interface Timer {
  readonly seq: number;
  due: number;
  readonly every: number | null;
  readonly fn: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<Timer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    return this.#add(ms, null, fn);
  }

  setInterval(ms: number, fn: () => void): TimerHandle {
    // A zero period would fire forever inside one advance.
    return this.#add(ms, Math.max(ms, 1), fn);
  }

  /** Timers and intervals not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, oldest due time first. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const next = this.#next(until);
      if (next === undefined) break;
      this.#now = next.due;
      if (next.every === null) this.#timers.delete(next);
      else next.due += next.every;
      next.fn();
    }
    this.#now = until;
  }

  #next(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) {
      if (t.due > until) continue;
      if (best === undefined || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  #add(ms: number, every: number | null, fn: () => void): TimerHandle {
    const timer: Timer = { seq: this.#seq++, due: this.#now + Math.max(0, ms), every, fn };
    this.#timers.add(timer);
    return {
      cancel: () => {
        this.#timers.delete(timer);
      },
    };
  }
}
