/**
 * Storm's ExclamationTopology: words, then exclaim, then exclaim again, then print. Each exclaim bolt appends
 * "!!!"; the sink prints a few results when the topology stops.
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

class TestWordSpout extends BaseSpout<WordOut> {
  #i = 0;

  nextTuple(): void {
    this.collector.emit([WORDS[this.#i++ % WORDS.length]!]);
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

class PrintSink extends BaseBasicBolt<{ word: string }> {
  readonly #seen = new Map<string, number>();

  execute(tuple: Tuple<{ word: string }>): void {
    const w = tuple.get('word');
    this.#seen.set(w, (this.#seen.get(w) ?? 0) + 1);
  }

  override cleanup(): void {
    for (const [word, n] of [...this.#seen].sort()) console.log(`${word} x${n}`);
  }
}

const builder = new TopologyBuilder();
builder.setSpout('word', () => new TestWordSpout(), 1);
builder.setBolt('exclaim1', () => new ExclamationBolt(), 3).shuffleGrouping('word');
builder.setBolt('exclaim2', () => new ExclamationBolt(), 2).shuffleGrouping('exclaim1');
builder.setBolt('print', () => new PrintSink(), 1).globalGrouping('exclaim2');

export default builder.createTopology();
