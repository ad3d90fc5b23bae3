/**
 * The rate-limited sentence spout of the latency phase. Sentence i (cycling over the corpus) is due
 * at `start + i / rate`; `nextTuple` emits it, with message id i, once `performance.now()` has
 * reached that time, and otherwise returns without emitting, so the spout never spins: the executor
 * backs off an idle spout (up to `spoutIdleBackoffMaxMs`). The schedule is open loop: sentences that
 * fell due during a pause or a slow step go out as soon as the spout is polled again, and their
 * latency counts from that actual emit.
 *
 * It also times each tree itself, on its own clock: from its emit call to its `ack` call (a
 * cross-check of the runtime's complete latency, which is taken from scheduling-step times), and
 * from the time the sentence was due to its `ack` call, which adds the time a due sentence waited
 * for the spout to be polled (idle backoff, backpressure, max spout pending). It times one tree in
 * {@link SAMPLE_EVERY}: a clock read and two histogram records per tree would cost some 5% of the
 * maximum throughput, enough to push the 90% level into saturation.
 */
import { BaseSpout, type MessageId, type OutputFieldsDeclarer } from '../src/api/index.js';
import { describeValue } from '../src/api/describe-value.js';
import { LatencyHistogram } from '../src/runtime/stats/latency-histogram.js';
import type { AckOutcome, SentenceOut } from './word-count-components.js';

/** Trees timed by the spout: those whose message id is a multiple of this. */
export const SAMPLE_EVERY = 8;

export class PacedSpout extends BaseSpout<SentenceOut> {
  /** Latency of the sampled trees, emit call to `ack` call. */
  readonly fromEmit = new LatencyHistogram();
  /** Latency of the sampled trees, from the time the sentence was due to the `ack` call. */
  readonly fromDue = new LatencyHistogram();
  readonly #intervalMs: number;
  readonly #emitAt: Float64Array;
  #emitted = 0;
  #acked = 0;
  #start = -1;
  #lastEmitAt = 0;

  /** @param count - sentences to emit in all; the outcome resolves once every one is acked. */
  constructor(
    private readonly sentences: readonly string[],
    perSec: number,
    private readonly count: number,
    private readonly outcome: AckOutcome,
  ) {
    super();
    this.#intervalMs = 1000 / perSec;
    this.#emitAt = new Float64Array(count);
  }

  /** Trees acked so far. */
  get acked(): number {
    return this.#acked;
  }

  /** Sentences per second over the emit span (first to last emit). */
  get achievedPerSec(): number {
    const spanMs = this.#lastEmitAt - this.#start;
    return spanMs > 0 ? ((this.#emitted - 1) * 1000) / spanMs : 0;
  }

  nextTuple(): void {
    const i = this.#emitted;
    if (i === this.count) return;
    const now = performance.now();
    if (this.#start < 0) this.#start = now;
    else if (now < this.#start + i * this.#intervalMs) return;
    const s = this.sentences[i % this.sentences.length];
    if (s === undefined) throw new Error('PacedSpout needs at least one sentence');
    this.#emitAt[i] = now;
    this.#lastEmitAt = now;
    this.#emitted = i + 1;
    this.collector.emit([s], i);
  }

  override ack(id: MessageId): void {
    const emittedAt = typeof id === 'number' ? this.#emitAt[id] : undefined;
    if (typeof id !== 'number' || emittedAt === undefined || emittedAt < 0) {
      this.outcome.reject(new Error(`unexpected ack of message ${describeValue(id)}`));
      return;
    }
    if (id % SAMPLE_EVERY === 0) {
      const now = performance.now();
      this.fromEmit.record(now - emittedAt);
      this.fromDue.record(now - (this.#start + id * this.#intervalMs));
    }
    this.#emitAt[id] = -1; // a second ack of this id is rejected
    if (++this.#acked === this.count) this.outcome.resolve();
  }

  override fail(id: MessageId): void {
    this.outcome.reject(new Error(`message ${describeValue(id)} failed`));
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}
