/**
 * Decides when `gale run` stops: the duration runs out (counted from {@link StopTrigger.startDuration},
 * once the topology runs: starting worker threads can take a while), the user presses Ctrl-C (or
 * the process gets SIGTERM), or the caller reports the topology gone. The first cause wins. A second signal
 * while the graceful stop is under way means "now": `onForceExit` gets 128 + the signal number
 * (130 for Ctrl-C), the shell convention.
 */
import { constants } from 'node:os';
import type { Clock, TimerHandle } from '../util/clock.js';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];
export type StopReason = StopSignal | 'duration' | 'crashed' | 'killed';

/** The part of `process` this needs. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface StopTriggerOptions {
  /** Stop after this long; 0 for no limit. */
  readonly durationMs: number;
  readonly signals: SignalSource;
  readonly clock: Clock;
  /** Called on a second signal, with the exit code to leave with. */
  readonly onForceExit: (exitCode: number) => void;
}

export class StopTrigger {
  /** Resolves with the first cause to stop. */
  readonly reason: Promise<StopReason>;
  #resolve: (reason: StopReason) => void = () => {};
  #fired = false;
  readonly #options: StopTriggerOptions;
  #timer: TimerHandle | null = null;
  readonly #listeners: ReadonlyMap<StopSignal, () => void>;

  constructor(options: StopTriggerOptions) {
    this.#options = options;
    this.reason = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    this.#listeners = new Map(STOP_SIGNALS.map((s) => [s, () => this.#onSignal(s)]));
    for (const [signal, listener] of this.#listeners) options.signals.on(signal, listener);
  }

  /** Starts counting the duration (once; nothing when it is 0 or a stop already fired). */
  startDuration(): void {
    const { durationMs, clock } = this.#options;
    if (this.#fired || this.#timer !== null || durationMs <= 0) return;
    this.#timer = clock.setTimer(durationMs, () => this.fire('duration'));
  }

  /** Stops for `reason` unless something already did. */
  fire(reason: StopReason): void {
    if (this.#fired) return;
    this.#fired = true;
    this.#timer?.cancel();
    this.#resolve(reason);
  }

  /** Removes the signal listeners: signals get their default meaning again. */
  dispose(): void {
    this.#timer?.cancel();
    for (const [signal, listener] of this.#listeners) this.#options.signals.off(signal, listener);
  }

  #onSignal(signal: StopSignal): void {
    if (this.#fired) this.#options.onForceExit(128 + constants.signals[signal]);
    else this.fire(signal);
  }
}
