/**
 * Time, injected (STYLE.md H13): production code takes a `Clock`, tests pass a manual one.
 */

/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

/** The source of time and timers. */
export interface Clock {
  /** Milliseconds, monotonic, fractional. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  /** Calls `fn` every `ms` milliseconds until cancelled. */
  setInterval(ms: number, fn: () => void): TimerHandle;
}

/** The real clock: `performance.now()` and Node's timers (ref'd: a running topology keeps its process alive). */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(ms, fn) {
    const t = setInterval(fn, ms);
    return { cancel: () => clearInterval(t) };
  },
};
