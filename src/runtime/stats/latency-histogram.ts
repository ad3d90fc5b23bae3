/**
 * A latency histogram (HdrHistogram, 2 significant digits, 1 µs to 1 h) for complete and execute
 * latencies. Recording costs about 100 ns, so callers sample (Storm samples 5% by default) rather
 * than record every tuple; percentiles stay representative.
 */
import hdr from 'hdr-histogram-js';

const MAX_MICROS = 3_600_000_000;

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

  /** Records one latency in milliseconds (clamped to the histogram's range). */
  record(ms: number): void {
    const micros = Math.round(ms * 1000);
    this.#h.recordValue(micros < 1 ? 1 : micros > MAX_MICROS ? MAX_MICROS : micros);
  }

  /** Records `count` latencies whose mean is `totalMs / count` (a step's tuples, timed together). */
  recordMean(totalMs: number, count: number): void {
    const micros = Math.round((totalMs * 1000) / count);
    this.#h.recordValueWithCount(micros < 1 ? 1 : micros > MAX_MICROS ? MAX_MICROS : micros, count);
  }

  get count(): number {
    return this.#h.totalCount;
  }

  summary(): LatencySummary {
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
    this.#h.reset();
  }
}
