/**
 * The word-count topology the Gale jobs run: a sentence spout, a split bolt (shuffle grouping) and
 * a count bolt with 2 tasks (fields grouping on the word), each with one executor. The spout decides
 * whether tuples are tracked (it emits with or without a message id); the config decides whether
 * acking is on.
 */
import type { ShellBolt } from '../src/api/index.js';
import {
  TopologyBuilder,
  type OutputStreams,
  type Spout,
  type Topology,
  type TopologyConfigInput,
} from '../src/api/index.js';
import { Count, Split } from './word-count-components.js';

/** The spout's component id, to find its task in `cluster.getTopology(name).tasks`. */
export const SPOUT_ID = 'sentences';

/**
 * Builds the topology; the count tasks add their counts into `counts` at cleanup, when given. `split`
 * replaces the TypeScript split bolt (a ShellBolt, say), which must declare `['word']`.
 */
export function wordCountTopology<O extends OutputStreams>(
  spout: () => Spout<O>,
  config: TopologyConfigInput,
  counts?: Map<string, number>,
  split?: () => ShellBolt,
): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout(SPOUT_ID, spout, 1);
  const splitter =
    split === undefined ? builder.setBolt('split', () => new Split(), 1) : builder.setBolt('split', split, 1);
  splitter.shuffleGrouping(SPOUT_ID);
  builder.setBolt('count', () => new Count(counts), 2).fieldsGrouping('split', ['word']);
  return builder.createTopology(config);
}
