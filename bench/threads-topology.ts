/**
 * The word-count topology of the worker-threads job (`gt-gale-threads`), as a module every worker
 * thread imports. The corpus is shared, not copied: `config.user.text` and `config.user.ends` are
 * SharedArrayBuffers holding the sentences' UTF-8 bytes and where each sentence ends. Spout task i
 * of n waits until `config.user.go` (an Int32 flag) is set, emits the sentences whose index is i
 * modulo n, then adds 1 to `config.user.done` (an Int32 counter); each count task writes its counts to `config.user.outDir` at cleanup.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BaseSpout,
  TopologyBuilder,
  type OutputFieldsDeclarer,
  type SpoutOutputCollector,
  type TopologyContext,
} from '../src/api/index.js';
import { Count, Split } from './word-count-components.js';

/** Spout and split executors: one per thread of a 2-thread run. */
export const THREAD_SPOUTS = 2;

function shared(context: TopologyContext, key: string): SharedArrayBuffer {
  const v = context.config.user[key];
  if (!(v instanceof SharedArrayBuffer)) throw new Error(`config.user.${key} must be a SharedArrayBuffer`);
  return v;
}

type SentenceOut = { default: [sentence: string] };

class SharedCorpusSpout extends BaseSpout<SentenceOut> {
  #text!: Buffer;
  #ends!: Int32Array;
  #go!: Int32Array;
  #done!: Int32Array;
  #next = 0;
  #step = 1;

  override open(context: TopologyContext, collector: SpoutOutputCollector<SentenceOut>): void {
    super.open(context, collector);
    this.#text = Buffer.from(shared(context, 'text'));
    this.#ends = new Int32Array(shared(context, 'ends'));
    this.#go = new Int32Array(shared(context, 'go'));
    this.#done = new Int32Array(shared(context, 'done'));
    this.#next = context.thisTaskIndex;
    this.#step = context.getComponentTasks(context.thisComponentId).length;
  }

  nextTuple(): void {
    const i = this.#next;
    if (i >= this.#ends.length || Atomics.load(this.#go, 0) === 0) return;
    this.#next += this.#step;
    const start = i === 0 ? 0 : this.#ends[i - 1]!;
    this.collector.emit([this.#text.toString('utf8', start, this.#ends[i])]);
    if (this.#next >= this.#ends.length) Atomics.add(this.#done, 0, 1);
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}

class FileCount extends Count {
  #context!: TopologyContext;
  override prepare(context: TopologyContext): void {
    super.prepare(context);
    this.#context = context;
  }
  override cleanup(): void {
    const counts = new Map<string, number>();
    this.addInto(counts);
    const dir = this.#context.config.user['outDir'] as string;
    writeFileSync(join(dir, `count-${this.#context.thisTaskId}.json`), JSON.stringify([...counts]));
  }
}

const builder = new TopologyBuilder();
builder.setSpout('sentences', () => new SharedCorpusSpout(), THREAD_SPOUTS);
builder.setBolt('split', () => new Split(), THREAD_SPOUTS).localOrShuffleGrouping('sentences');
builder.setBolt('count', () => new FileCount(), 2).fieldsGrouping('split', ['word']);
export default builder.createTopology({ ackers: 0 });
