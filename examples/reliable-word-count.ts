/**
 * Word count with guaranteed processing: every sentence is counted, even though the count bolt
 * is flaky. The spout is a `ReliableSpout`: it keeps each sentence until its tuple tree is acked
 * and emits it again when the tree fails. The split bolt is a basic bolt (its emits are anchored
 * to the sentence and the sentence is acked when `execute` returns); the count bolt anchors and
 * acks by hand, and fails one word in twenty on purpose. When the topology stops, the spout
 * prints how many sentences were acked and replayed.
 *
 *   npx gale run examples/reliable-word-count.ts --duration 10s
 */
import {
  BaseBasicBolt,
  BaseBolt,
  ReliableSpout,
  TopologyBuilder,
  type BasicOutputCollector,
  type MessageId,
  type OutputFieldsDeclarer,
  type ReliableMessage,
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

/**
 * A source of 200,000 numbered sentences, as a queue or a log would hand them out. The message
 * id is the sentence's number; `ReliableSpout` replays failed ones before taking new ones.
 */
class SentenceSource extends ReliableSpout<SentenceOut> {
  #next = 0;
  #acked = 0;
  #dead = 0;
  #failures = 0;

  constructor() {
    super({ maxRetries: 100 }); // a sentence fails about one attempt in three here
  }

  protected nextMessage(): ReliableMessage<SentenceOut> | undefined {
    if (this.#next >= 200_000) return undefined;
    const id = this.#next++;
    return { id, values: [SENTENCES[id % SENTENCES.length]!] };
  }

  /** A tree failed (or timed out): `ReliableSpout` queues the sentence for replay. */
  override fail(id: MessageId): void {
    this.#failures++;
    super.fail(id);
  }

  protected override onAcked(): void {
    this.#acked++;
  }

  protected override onDeadLetter(message: ReliableMessage<SentenceOut>, attempts: number): void {
    this.#dead++;
    console.error(`giving up on sentence ${message.id as number} after ${attempts} attempts`);
  }

  override close(): void {
    console.log(
      `sentences: ${this.#acked} acked, ${this.#failures} failures replayed, ${this.inFlight} in flight, ${this.#dead} dead-lettered`,
    );
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

/** Counts words, but fails every twentieth input: its sentence is replayed by the spout. */
class FlakyCount extends BaseBolt<{ word: string }, CountOut> {
  readonly #counts = new Map<string, number>();
  #seen = 0;

  execute(tuple: Tuple<{ word: string }>): void {
    if (++this.#seen % 20 === 0) {
      this.collector.fail(tuple);
      return;
    }
    const word = tuple.get('word');
    const count = (this.#counts.get(word) ?? 0) + 1;
    this.#counts.set(word, count);
    this.collector.emit(tuple, [word, count]); // anchored: part of the sentence's tree
    this.collector.ack(tuple);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<CountOut>): void {
    d.declare(['word', 'count']);
  }
}

/** Keeps the latest count of every word; prints the top five when the topology stops. */
class TopWords extends BaseBasicBolt<{ word: string; count: number }> {
  readonly #latest = new Map<string, number>();

  execute(tuple: Tuple<{ word: string; count: number }>): void {
    this.#latest.set(tuple.get('word'), tuple.get('count'));
  }

  override cleanup(): void {
    const top = [...this.#latest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    console.log('top words:');
    for (const [word, count] of top) console.log(`  ${word.padEnd(10)} ${count}`);
  }
}

const builder = new TopologyBuilder();
builder.setSpout('sentences', () => new SentenceSource(), 1);
builder.setBolt('split', () => new SplitSentence(), 2).shuffleGrouping('sentences');
builder.setBolt('count', () => new FlakyCount(), 2).fieldsGrouping('split', ['word']);
builder.setBolt('report', () => new TopWords(), 1).globalGrouping('count');

// Acking is on by default (one acker per worker); these bound the work in flight and say how
// long a tree may take before its sentence is replayed.
export default builder.createTopology({ maxSpoutPending: 2000, messageTimeoutSecs: 10 });
