/**
 * Word count, the seed design's example: a spout of sentences, a split bolt, a count bolt fed by a
 * fields grouping on the word (so each word is counted by exactly one task), and a report bolt
 * that prints the top words when the topology stops.
 *
 *   npx gale run examples/word-count.ts --duration 10s
 */
import {
  BaseBasicBolt,
  BaseSpout,
  TopologyBuilder,
  type BasicOutputCollector,
  type OutputFieldsDeclarer,
  type Tuple,
} from 'gale';

const SENTENCES = [
  'the cow jumped over the moon',
  'an apple a day keeps the doctor away',
  'four score and seven years ago',
  'snow white and the seven dwarfs',
  'i am at two with nature',
];

type SentenceOut = { default: [sentence: string] };

/** Emits sentences picked by a small seeded generator, so every run sees the same stream. */
class SentenceSpout extends BaseSpout<SentenceOut> {
  #state = 42;

  nextTuple(): void {
    // xorshift32: deterministic and allocation-free.
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    this.collector.emit([SENTENCES[this.#state % SENTENCES.length]!]);
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}

type WordOut = { default: [word: string] };

class SplitSentence extends BaseBasicBolt<{ sentence: string }, WordOut> {
  execute(tuple: Tuple<{ sentence: string }>, collector: BasicOutputCollector<WordOut>): void {
    for (const word of tuple.get('sentence').split(' ')) collector.emit([word]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

type CountOut = { default: [word: string, count: number] };

class WordCount extends BaseBasicBolt<{ word: string }, CountOut> {
  readonly #counts = new Map<string, number>();

  execute(tuple: Tuple<{ word: string }>, collector: BasicOutputCollector<CountOut>): void {
    const word = tuple.get('word');
    const count = (this.#counts.get(word) ?? 0) + 1;
    this.#counts.set(word, count);
    collector.emit([word, count]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<CountOut>): void {
    d.declare(['word', 'count']);
  }
}

/** Keeps the latest count of every word; prints the top ten when the topology stops. */
class TopWords extends BaseBasicBolt<{ word: string; count: number }> {
  readonly #latest = new Map<string, number>();

  execute(tuple: Tuple<{ word: string; count: number }>): void {
    this.#latest.set(tuple.get('word'), tuple.get('count'));
  }

  override cleanup(): void {
    const top = [...this.#latest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
    const total = [...this.#latest.values()].reduce((a, b) => a + b, 0);
    console.log(`top words (of ${total} counted):`);
    for (const [word, count] of top) console.log(`  ${word.padEnd(10)} ${count}`);
  }
}

const builder = new TopologyBuilder();
builder.setSpout('sentences', () => new SentenceSpout(), 1);
builder.setBolt('split', () => new SplitSentence(), 2).shuffleGrouping('sentences');
builder.setBolt('count', () => new WordCount(), 2).fieldsGrouping('split', ['word']);
builder.setBolt('report', () => new TopWords(), 1).globalGrouping('count');

export default builder.createTopology();
