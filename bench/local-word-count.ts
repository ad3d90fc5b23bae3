/**
 * The local word count the single-thread Gale jobs time: submit, wait until the spout has emitted
 * every sentence, kill (drain) and close. `watch` starts something beside the topology once it
 * runs (a UI server, say) and returns how to stop it.
 */
import type { TopologyConfigInput } from '../src/api/index.js';
import { LocalCluster } from '../src/local/index.js';
import { silentLogger } from '../src/runtime/index.js';
import { ArraySpout } from './word-count-components.js';
import { wordCountTopology } from './word-count-topology.js';

export async function runLocalWordCount(
  sentences: readonly string[],
  config: TopologyConfigInput,
  watch?: (cluster: LocalCluster) => Promise<() => Promise<void>>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let finished!: () => void;
  const exhausted = new Promise<void>((resolve) => (finished = resolve));
  const topology = wordCountTopology(() => new ArraySpout(sentences, finished), config, counts);
  const cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('bench', topology);
  const stop = watch === undefined ? undefined : await watch(cluster);
  await exhausted;
  await cluster.killTopology('bench');
  await stop?.();
  await cluster.close();
  return counts;
}
