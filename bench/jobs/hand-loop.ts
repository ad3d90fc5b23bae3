/** (a) The one-core limit: a plain loop, `split(' ')`, `Map` get/set per word. The reference job. */
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'a-loop',
  name: "hand-written loop, split(' ') + Map get/set",
  run(sentences) {
    const counts = new Map<string, number>();
    for (const sentence of sentences) {
      for (const word of sentence.split(' ')) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  },
};
