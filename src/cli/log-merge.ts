/**
 * Putting the log lines of several supervisors into one stream ordered by time, for `gale logs`.
 *
 * History comes whole from each supervisor, already ordered: {@link mergeByTime} merges the lists.
 * Followed lines arrive as they are written, a little apart from one supervisor to another: a
 * {@link FollowMerger} holds each line for `windowMs` after it arrived and lets lines out in time
 * order, so lines written at nearly the same time on different machines come out in order. A line
 * that arrives later than the window allows is let out as soon as it is due, out of order rather
 * than lost.
 */
import type { Clock } from '../util/clock.js';

/** A line of a worker's log: its JSON text and its `time` (epoch ms; 0 when it has none). */
export interface TimedLine {
  readonly time: number;
  readonly text: string;
}

/**
 * The lists merged into one ordered by time; equal times keep the order of the lists and, within
 * a list, their own order. Each list must be ordered by time already.
 */
export function mergeByTime<T extends TimedLine>(lists: readonly (readonly T[])[]): T[] {
  const at = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const line = lists[i]![at[i]!];
      if (line !== undefined && line.time < bestTime) {
        best = i;
        bestTime = line.time;
      }
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!]!);
    at[best]!++;
  }
}

/** The `time` of a JSON log line, or 0 when it is not one or has none. */
export function lineTime(text: string): number {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'time' in parsed && typeof parsed.time === 'number')
      return parsed.time;
  } catch {
    // Not JSON: no time.
  }
  return 0;
}

/** Holds followed lines for a short window and lets them out in time order; see the file's comment. */
export class FollowMerger<T extends TimedLine> {
  readonly #windowMs: number;
  readonly #clock: Pick<Clock, 'now'>;
  /** Held lines with their arrival, ordered by time (ties: arrival). */
  #held: { line: T; arrived: number }[] = [];

  constructor(windowMs: number, clock: Pick<Clock, 'now'>) {
    this.#windowMs = windowMs;
    this.#clock = clock;
  }

  /** Lines held now. */
  get size(): number {
    return this.#held.length;
  }

  push(line: T): void {
    const entry = { line, arrived: this.#clock.now() };
    // Usually the latest: look for the place from the end.
    let i = this.#held.length;
    while (i > 0 && this.#held[i - 1]!.line.time > line.time) i--;
    this.#held.splice(i, 0, entry);
  }

  /**
   * The lines due: from the earliest on, each held for the window. A line not yet due holds back
   * the later ones, so what comes out is in time order.
   */
  take(): T[] {
    const now = this.#clock.now();
    let n = 0;
    while (n < this.#held.length && now - this.#held[n]!.arrived >= this.#windowMs) n++;
    return this.#held.splice(0, n).map((e) => e.line);
  }

  /** Every line held, in time order (at the end). */
  drain(): T[] {
    return this.#held.splice(0).map((e) => e.line);
  }
}
