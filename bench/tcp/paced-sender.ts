/**
 * The pacer of the latency runs. Tuple i is due at `start + i / rate`. Every tick (a 1 ms timer,
 * like the latency phase's idle-spout backoff) the pacer sends every tuple that fell due since the
 * last tick, in batches of at most `maxBatch` tuples, the last one partial: as the runtime's
 * outbound batcher sends a batch when it is full and flushes the rest at the end of a scheduler
 * slice. Open loop: while the sender is not ready (flow control), due tuples wait and go out at
 * the next chance; their latency counts from when they were due.
 *
 * Records, per batch, when it was handed to `send` (`machineNowMs`, one clock for both processes),
 * its first tuple's index, its size and its tick, for the latency join with the receiver's times.
 */
import { machineNowMs } from './clock.js';
import type { BatchSender } from './endpoints.js';
import type { Tally } from './tally.js';
import type { TuplePool } from './tuple-pool.js';

/** Pause between ticks; Node's timers fire about a millisecond late at best. */
const TICK_MS = 1;

export interface SentBatches {
  readonly sentAt: readonly number[];
  readonly first: readonly number[];
  readonly size: readonly number[];
  /** The tick that sent it (0, 1, ...). */
  readonly tick: readonly number[];
}

export class PacedSender implements SentBatches {
  readonly sentAt: number[] = [];
  readonly first: number[] = [];
  readonly size: number[] = [];
  readonly tick: number[] = [];
  /** Tuple 0's due time (`machineNowMs`). */
  startMs = 0;
  readonly #intervalMs: number;
  #start = 0;
  #next = 0;
  #ticks = 0;
  #waiting = false;
  #done: () => void = () => {};

  constructor(
    private readonly sender: BatchSender,
    private readonly pool: TuplePool,
    private readonly sent: Tally,
    perSec: number,
    private readonly total: number,
    private readonly maxBatch: number,
  ) {
    this.#intervalMs = 1000 / perSec;
    sender.onReady(() => {
      if (!this.#waiting) return;
      this.#waiting = false;
      this.#tick();
    });
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Sends every tuple on schedule; resolves once the last one was handed to the sender. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      this.#done = resolve;
      this.#start = machineNowMs();
      this.startMs = this.#start;
      this.#tick();
    });
  }

  #tick = (): void => {
    const tick = this.#ticks++;
    const due = Math.min(this.total, Math.floor((machineNowMs() - this.#start) / this.#intervalMs) + 1);
    while (this.#next < due) {
      const size = Math.min(this.maxBatch, due - this.#next);
      const batch = this.pool.build(this.#next, size);
      this.sent.addSent(batch.tuples);
      this.sentAt.push(machineNowMs());
      this.first.push(this.#next);
      this.size.push(size);
      this.tick.push(tick);
      this.#next += size;
      if (!this.sender.send(batch)) {
        this.#waiting = true;
        return;
      }
    }
    if (this.#next < this.total) setTimeout(this.#tick, TICK_MS);
    else this.#done();
  };
}
