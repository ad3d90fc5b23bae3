/**
 * The word-count components the benchmarks share: spouts over an array of sentences (untracked, and
 * tracked for acking), a split bolt and a count bolt, written as a user would write them. Split and
 * count are basic bolts: with acking on, every word is anchored to its sentence and every tuple is
 * acked when `execute` returns.
 */
import {
  BaseBasicBolt,
  BaseSpout,
  type BasicOutputCollector,
  type MessageId,
  type OutputFieldsDeclarer,
  type Tuple,
} from '../src/api/index.js';
import { describeValue } from '../src/api/describe-value.js';

export type SentenceOut = { default: [sentence: string] };
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

/** How an {@link AckedArraySpout} run ends. */
export interface AckOutcome {
  /** Every sentence was acked, once. */
  resolve(): void;
  /** A sentence failed (or an ack was unexpected): the run is not correct. */
  reject(error: Error): void;
}

/**
 * Emits each sentence once with its index as message id, so that acking tracks its tuple tree.
 * Resolves the outcome once `ack` was heard for every index exactly once; rejects it at the first
 * `fail`, repeated ack or unknown id.
 */
export class AckedArraySpout extends BaseSpout<SentenceOut> {
  #next = 0;
  #acked = 0;
  readonly #seen: Uint8Array;

  constructor(
    private readonly sentences: readonly string[],
    private readonly outcome: AckOutcome,
  ) {
    super();
    this.#seen = new Uint8Array(sentences.length);
  }

  nextTuple(): void {
    const i = this.#next;
    const s = this.sentences[i];
    if (s === undefined) return;
    this.collector.emit([s], i);
    this.#next = i + 1;
  }

  override ack(id: MessageId): void {
    if (typeof id !== 'number' || this.#seen[id] !== 0) {
      this.outcome.reject(new Error(`unexpected ack of message ${describeValue(id)}`));
      return;
    }
    this.#seen[id] = 1;
    if (++this.#acked === this.sentences.length) this.outcome.resolve();
  }

  override fail(id: MessageId): void {
    this.outcome.reject(new Error(`message ${describeValue(id)} failed`));
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
    if (this.into !== undefined) this.addInto(this.into);
  }

  /** Adds this task's counts into `into`. */
  addInto(into: Map<string, number>): void {
    for (const [w, n] of this.#counts) into.set(w, (into.get(w) ?? 0) + n);
  }
}
