/**
 * (g) Gale, one thread, acking off (`ackers: 0`): sentence spout, split bolt (shuffle), count bolt
 * (fields grouping on the word, 2 tasks), run by `LocalCluster`. Timed from submit until the
 * topology has drained and every component is closed; counts are merged from the count tasks at
 * cleanup.
 */
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { ArraySpout } from '../word-count-components.js';
import { wordCountTopology } from '../word-count-topology.js';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'g-gale',
  name: 'Gale LocalCluster, 1 thread: spout -> split -> count x2 (fields grouping), acking off',
  async run(sentences) {
    const counts = new Map<string, number>();
    let finished!: () => void;
    const exhausted = new Promise<void>((resolve) => (finished = resolve));
    const topology = wordCountTopology(() => new ArraySpout(sentences, finished), { ackers: 0 }, counts);
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('bench', topology);
    await exhausted;
    await cluster.killTopology('bench');
    await cluster.close();
    return counts;
  },
};
