/**
 * Prints the progress line while a topology runs. On a terminal the line is redrawn in place every
 * second; otherwise (a pipe, a CI log) a plain line is written every five seconds, so logs stay
 * readable. Time and output are injected, so it is tested with a manual clock.
 */
import type { ComponentSummary } from '../runtime/index.js';
import type { Clock, TimerHandle } from '../util/clock.js';
import { progressLine, ratesBetween } from './progress-line.js';

/** ANSI: carriage return, then erase the whole line. */
export const CLEAR_LINE = '\r\x1b[2K';

export interface ProgressReporterOptions {
  /** Current counters; `undefined` once the topology is gone. */
  readonly sample: () => readonly ComponentSummary[] | undefined;
  readonly spouts: ReadonlySet<string>;
  readonly write: (text: string) => void;
  /** Whether the output is a terminal (redraw in place) or not (append lines). */
  readonly tty: boolean;
  readonly clock: Clock;
  /** Refresh period; default 1 s on a terminal, 5 s otherwise. */
  readonly intervalMs?: number;
}

export class ProgressReporter {
  readonly #options: ProgressReporterOptions;
  #timer: TimerHandle | null = null;
  #startedAt = 0;
  #last: { at: number; components: readonly ComponentSummary[] } = { at: 0, components: [] };
  #drawn = false;

  constructor(options: ProgressReporterOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer !== null) return;
    const { clock, tty } = this.#options;
    this.#startedAt = clock.now();
    this.#last = { at: this.#startedAt, components: this.#options.sample() ?? [] };
    this.#timer = clock.setInterval(this.#options.intervalMs ?? (tty ? 1000 : 5000), () => this.#tick());
  }

  /** Stops refreshing and, on a terminal, erases the line so what follows starts clean. */
  stop(): void {
    this.#timer?.cancel();
    this.#timer = null;
    if (this.#drawn) this.#options.write(CLEAR_LINE);
    this.#drawn = false;
  }

  #tick(): void {
    const { clock, sample, spouts, tty, write } = this.#options;
    const components = sample();
    if (components === undefined) return;
    const now = clock.now();
    const line = progressLine(
      ratesBetween(this.#last.components, components, now - this.#last.at, spouts),
      now - this.#startedAt,
    );
    this.#last = { at: now, components };
    if (tty) {
      write(`${CLEAR_LINE}${line}`);
      this.#drawn = true;
    } else {
      write(`${line}\n`);
    }
  }
}
