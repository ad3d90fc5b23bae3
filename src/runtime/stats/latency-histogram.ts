/**
 * A latency histogram (HdrHistogram, 2 significant digits, 1 µs to 1 h) for complete and execute
 * latencies. Recording costs about 100 ns, so callers sample (Storm samples 5% by default) rather
 * than record every tuple; percentiles stay representative.
 */
import hdr from 'hdr-histogram-js';

const MAX_MICROS = 3_600_000_000;
/** Step means held before they go into the histogram. */
const BUFFERED = 64;

/** Percentiles of a latency histogram, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export class LatencyHistogram {
  readonly #h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_MICROS,
    numberOfSignificantValueDigits: 2,
    bitBucketSize: 32,
    useWebAssembly: false,
  });
  readonly #bufferedMs = new Float64Array(BUFFERED);
  readonly #bufferedCount = new Float64Array(BUFFERED);
  #buffered = 0;

  constructor() {
    // Reading percentiles adds fields to the histogram object on first use. Done here, before the
    // hot path is optimized, so that a later reader (the UI sampling every second) does not change
    // the object's shape under the executor's optimized code (which would deoptimize it).
    this.summary();
  }

  /** Records one latency in milliseconds (clamped to the histogram's range). */
  record(ms: number): void {
    const micros = Math.round(ms * 1000);
    this.#h.recordValue(micros < 1 ? 1 : micros > MAX_MICROS ? MAX_MICROS : micros);
  }

  /**
   * Records `count` latencies whose mean is `totalMs / count` (a step's tuples, timed together).
   * Buffered: the executor's loop only stores two numbers, and the histogram takes them 64 at a
   * time, so its code stays out of the loop V8 optimizes (which then keeps `execute` inlined).
   */
  recordMean(totalMs: number, count: number): void {
    const i = this.#buffered;
    this.#bufferedMs[i] = totalMs;
    this.#bufferedCount[i] = count;
    if ((this.#buffered = i + 1) === BUFFERED) this.#flush();
  }

  #flush(): void {
    const n = this.#buffered;
    this.#buffered = 0;
    for (let i = 0; i < n; i++) {
      const count = this.#bufferedCount[i]!;
      const micros = Math.round((this.#bufferedMs[i]! * 1000) / count);
      this.#h.recordValueWithCount(micros < 1 ? 1 : micros > MAX_MICROS ? MAX_MICROS : micros, count);
    }
  }

  get count(): number {
    if (this.#buffered > 0) this.#flush();
    return this.#h.totalCount;
  }

  summary(): LatencySummary {
    if (this.#buffered > 0) this.#flush();
    const h = this.#h;
    const ms = (micros: number): number => micros / 1000;
    return {
      count: h.totalCount,
      meanMs: h.totalCount === 0 ? 0 : ms(h.mean),
      p50Ms: ms(h.getValueAtPercentile(50)),
      p99Ms: ms(h.getValueAtPercentile(99)),
      p999Ms: ms(h.getValueAtPercentile(99.9)),
      maxMs: ms(h.maxValue),
    };
  }

  reset(): void {
    this.#buffered = 0;
    this.#h.reset();
  }
}
