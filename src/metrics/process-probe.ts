/**
 * Reads a process's memory and event-loop delay for {@link ProcessSample}s. Owns an event-loop
 * delay monitor (a timer inside Node): `close()` stops it.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { ProcessSample } from './worker-sample.js';

const NS_PER_MS = 1e6;

export class ProcessProbe {
  readonly #delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  readonly #started = performance.now();
  #closed = false;

  constructor() {
    this.#delay.enable();
  }

  /** The process now; the event-loop delay is over the time since the previous call. */
  sample(): ProcessSample {
    const mem = process.memoryUsage();
    const d = this.#delay;
    const seen = d.count > 0;
    const sample: ProcessSample = {
      uptimeSecs: (performance.now() - this.#started) / 1000,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      eventLoopDelayMs: {
        p50: seen ? d.percentile(50) / NS_PER_MS : 0,
        p99: seen ? d.percentile(99) / NS_PER_MS : 0,
        max: seen ? d.max / NS_PER_MS : 0,
      },
    };
    d.reset();
    return sample;
  }

  /** Stops the monitor. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#delay.disable();
  }
}
