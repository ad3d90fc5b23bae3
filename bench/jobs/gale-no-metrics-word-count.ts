/**
 * (g0) The `g-gale` job with the topology setting `metrics: false`: no execute, process, busy or
 * backpressure timing (counters and complete latency are always kept). The baseline of the
 * metrics-overhead measurement.
 */
import { runLocalWordCount } from '../local-word-count.js';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'g0-gale-no-metrics',
  name: 'Gale LocalCluster, 1 thread, acking off, metrics off (metrics: false)',
  run: (sentences) => runLocalWordCount(sentences, { ackers: 0, metrics: false }),
};
