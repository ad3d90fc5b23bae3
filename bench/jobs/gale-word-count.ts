/**
 * (g) Gale, one thread, acking off: sentence spout, split bolt (shuffle), count bolt (fields
 * grouping on the word, 2 tasks), run by `LocalCluster`. Timed from submit until the topology has
 * drained and every component is closed; counts are merged from the count tasks at cleanup.
 */
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { ArraySpout, Count, Split } from '../word-count-components.js';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'g-gale',
  name: 'Gale LocalCluster, 1 thread: spout -> split -> count x2 (fields grouping), acking off',
  async run(sentences) {
    const counts = new Map<string, number>();
    let finished!: () => void;
    const exhausted = new Promise<void>((resolve) => (finished = resolve));
    const builder = new TopologyBuilder();
    builder.setSpout('sentences', () => new ArraySpout(sentences, finished), 1);
    builder.setBolt('split', () => new Split(), 1).shuffleGrouping('sentences');
    builder.setBolt('count', () => new Count(counts), 2).fieldsGrouping('split', ['word']);
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('bench', builder.createTopology());
    await exhausted;
    await cluster.killTopology('bench');
    await cluster.close();
    return counts;
  },
};
