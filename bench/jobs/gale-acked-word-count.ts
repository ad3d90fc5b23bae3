/**
 * (ga) Gale with acking on: the topology of `g-gale`, but the spout emits every sentence with a
 * message id and one acker task tracks each sentence's tuple tree (split and count are basic bolts,
 * so every word is anchored and acked). Timed from submit until the spout has heard `ack` for every
 * sentence and the topology is closed; a `fail` makes the run fail.
 */
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { ACKED_CONFIG, MAX_SPOUT_PENDING } from '../acked-config.js';
import { AckedArraySpout, type AckOutcome } from '../word-count-components.js';
import { wordCountTopology } from '../word-count-topology.js';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'ga-gale-acked',
  name: `Gale LocalCluster, 1 thread: same topology, acking on (1 acker, maxSpoutPending ${MAX_SPOUT_PENDING ?? 'null'})`,
  async run(sentences) {
    const counts = new Map<string, number>();
    let outcome!: AckOutcome;
    const allAcked = new Promise<void>((resolve, reject) => (outcome = { resolve, reject }));
    const topology = wordCountTopology(() => new AckedArraySpout(sentences, outcome), ACKED_CONFIG, counts);
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('bench', topology);
    try {
      await allAcked;
    } finally {
      await cluster.killTopology('bench');
      await cluster.close();
    }
    return counts;
  },
};
