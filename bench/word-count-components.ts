/**
 * The word-count components the benchmarks share: a spout over an array of sentences, a split bolt
 * and a count bolt, written as a user would write them.
 */
import {
  BaseBasicBolt,
  BaseSpout,
  type BasicOutputCollector,
  type OutputFieldsDeclarer,
  type Tuple,
} from '../src/api/index.js';

type SentenceOut = { default: [sentence: string] };
type WordOut = { default: [word: string] };

/** Emits each sentence once, then nothing; calls `done` after the last one. */
export class ArraySpout extends BaseSpout<SentenceOut> {
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

/** Splits a sentence on single spaces. */
export class Split extends BaseBasicBolt<{ sentence: string }, WordOut> {
  execute(t: Tuple<{ sentence: string }>, c: BasicOutputCollector<WordOut>): void {
    for (const w of t.get('sentence').split(' ')) c.emit([w]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

/** Counts words; adds its counts into `into` (when given) at cleanup. */
export class Count extends BaseBasicBolt<{ word: string }> {
  readonly #counts = new Map<string, number>();

  constructor(private readonly into?: Map<string, number>) {
    super();
  }

  execute(t: Tuple<{ word: string }>): void {
    const w = t.get('word');
    this.#counts.set(w, (this.#counts.get(w) ?? 0) + 1);
  }

  override cleanup(): void {
    const into = this.into;
    if (into !== undefined) for (const [w, n] of this.#counts) into.set(w, (into.get(w) ?? 0) + n);
  }
}
