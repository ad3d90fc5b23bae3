/**
 * Storm's ExclamationTopology: a spout of words, two exclamation bolts in a chain (each appends
 * "!!!", so words leave with six), shuffle groupings between them, and a sink that prints a few
 * results when the topology stops.
 *
 *   npx gale run examples/exclamation.ts --duration 5s
 */
import {
  BaseBasicBolt,
  BaseSpout,
  TopologyBuilder,
  type BasicOutputCollector,
  type OutputFieldsDeclarer,
  type Tuple,
} from 'gale';

const WORDS = ['nathan', 'mike', 'jackson', 'golda', 'bertels'];

type WordOut = { default: [word: string] };

/** Storm's TestWordSpout: the same five words, round and round. */
class TestWordSpout extends BaseSpout<WordOut> {
  #next = 0;

  nextTuple(): void {
    this.collector.emit([WORDS[this.#next]!]);
    this.#next = (this.#next + 1) % WORDS.length;
  }

  declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

class ExclamationBolt extends BaseBasicBolt<{ word: string }, WordOut> {
  execute(tuple: Tuple<{ word: string }>, collector: BasicOutputCollector<WordOut>): void {
    collector.emit([`${tuple.get('word')}!!!`]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

/** Counts what arrives; prints each distinct result with its count when the topology stops. */
class PrintSink extends BaseBasicBolt<{ word: string }> {
  readonly #counts = new Map<string, number>();

  execute(tuple: Tuple<{ word: string }>): void {
    const word = tuple.get('word');
    this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
  }

  override cleanup(): void {
    const total = [...this.#counts.values()].reduce((a, b) => a + b, 0);
    console.log(`exclaimed ${total} words:`);
    for (const [word, n] of [...this.#counts].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`  ${word.padEnd(16)} x${n}`);
    }
  }
}

const builder = new TopologyBuilder();
builder.setSpout('word', () => new TestWordSpout(), 1);
builder.setBolt('exclaim1', () => new ExclamationBolt(), 3).shuffleGrouping('word');
builder.setBolt('exclaim2', () => new ExclamationBolt(), 2).shuffleGrouping('exclaim1');
builder.setBolt('print', () => new PrintSink(), 1).shuffleGrouping('exclaim2');

export default builder.createTopology();
