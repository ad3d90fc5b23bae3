/**
 * (g) Gale, one thread, acking off (`ackers: 0`): sentence spout, split bolt (shuffle), count bolt
 * (fields grouping on the word, 2 tasks), run by `LocalCluster`. Timed from submit until the
 * topology has drained and every component is closed; counts are merged from the count tasks at
 * cleanup.
 */
import { runLocalWordCount } from '../local-word-count.js';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'g-gale',
  name: 'Gale LocalCluster, 1 thread: spout -> split -> count x2 (fields grouping), acking off',
  run: (sentences) => runLocalWordCount(sentences, { ackers: 0 }),
};
