/**
 * The tuples of the TCP benchmark: `[word, 1]`, words in corpus order (bench corpus, `corpus.ts`),
 * built once before anything is timed. Runs cycle over the pool, so the words sent follow the
 * corpus' Zipf mix whatever the run's length.
 */
import { generateCorpus } from '../corpus.js';

/** One tuple as it travels: `[word, 1]`. */
export type WordTuple = readonly [string, number];

/** A batch as both implementations send it: Gale's `DataBatch` needs a destination task per tuple. */
export interface OutBatch {
  readonly destTasks: readonly number[];
  readonly tuples: readonly WordTuple[];
}

/** Destination task of every tuple (the receiving worker runs one task). */
export const DEST_TASK = 1;

/** Tuples in the pool: a multiple of every batch size benchmarked (lcm(1000, 256) = 32,000). */
export const POOL_TUPLES = 128_000;

/** Sentences generated for the pool (5-15 words each: more than enough words). */
const POOL_SENTENCES = 20_000;

export class TuplePool {
  readonly tuples: readonly WordTuple[];

  constructor(size = POOL_TUPLES) {
    const words = generateCorpus(POOL_SENTENCES).sentences.flatMap((s) => s.split(' '));
    if (words.length < size) throw new Error(`the corpus has ${words.length} words, ${size} wanted`);
    this.tuples = words.slice(0, size).map((w): WordTuple => [w, 1]);
  }

  /** The pool cut into consecutive batches of `size` tuples (the last one may be shorter). */
  batches(size: number): OutBatch[] {
    const destTasks = new Array<number>(size).fill(DEST_TASK);
    const batches: OutBatch[] = [];
    for (let at = 0; at < this.tuples.length; at += size) {
      const tuples = this.tuples.slice(at, at + size);
      batches.push({
        destTasks: tuples.length === size ? destTasks : destTasks.slice(0, tuples.length),
        tuples,
      });
    }
    return batches;
  }

  /**
   * A fresh batch of the `count` tuples from global index `first` on (cycling over the pool), built
   * the way the runtime's outbound batcher builds one: pushed tuple by tuple.
   */
  build(first: number, count: number): OutBatch {
    const destTasks: number[] = [];
    const tuples: WordTuple[] = [];
    const n = this.tuples.length;
    for (let i = first; i < first + count; i++) {
      destTasks.push(DEST_TASK);
      tuples.push(this.tuples[i % n]!);
    }
    return { destTasks, tuples };
  }
}
