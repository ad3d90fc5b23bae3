/**
 * (g) Gale, one thread, acking off: sentence spout, split bolt (shuffle), count bolt (fields
 * grouping on the word, 2 tasks), run by `LocalCluster`. Timed from submit until the topology has
 * drained and every component is closed; counts are merged from the count tasks at cleanup.
 */
import {
  BaseBasicBolt,
  BaseSpout,
  TopologyBuilder,
  type BasicOutputCollector,
  type OutputFieldsDeclarer,
  type Tuple,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import type { BenchJob } from './bench-job.js';

type SentenceOut = { default: [sentence: string] };
type WordOut = { default: [word: string] };

class ArraySpout extends BaseSpout<SentenceOut> {
  #next = 0;

  constructor(
    private readonly sentences: readonly string[],
    private readonly done: () => void,
  ) {
    super();
  }

  nextTuple(): void {
    const s = this.sentences[this.#next];
    if (s === undefined) return;
    this.collector.emit([s]);
    if (++this.#next === this.sentences.length) this.done();
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}

class Split extends BaseBasicBolt<{ sentence: string }, WordOut> {
  execute(t: Tuple<{ sentence: string }>, c: BasicOutputCollector<WordOut>): void {
    for (const w of t.get('sentence').split(' ')) c.emit([w]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

class Count extends BaseBasicBolt<{ word: string }> {
  readonly #counts = new Map<string, number>();

  constructor(private readonly into: Map<string, number>) {
    super();
  }

  execute(t: Tuple<{ word: string }>): void {
    const w = t.get('word');
    this.#counts.set(w, (this.#counts.get(w) ?? 0) + 1);
  }

  override cleanup(): void {
    for (const [w, n] of this.#counts) this.into.set(w, (this.into.get(w) ?? 0) + n);
  }
}

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
