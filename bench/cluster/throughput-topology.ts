/**
 * The word count of the cluster throughput runs, the same module in cluster mode (`gale submit`)
 * and in local mode: spout x2, split x2, count x4 (fields grouping), acking on. The spout
 * emits `config.user.sentences` sentences of the bench corpus (generated in each process from the
 * same seed), split over its tasks; when the last of its sentences is acked it writes
 * `done-<task>.json` to `config.user.outDir` with its first emit time, last ack time and count.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BaseSpout, TopologyBuilder, type OutputFieldsDeclarer } from '../../src/api/index.js';
import { generateCorpus } from '../corpus.js';
import { Count, Split, type SentenceOut } from '../word-count-components.js';

class CorpusSpout extends BaseSpout<SentenceOut> {
  #sentences: readonly string[] = [];
  #next = 0;
  #step = 1;
  #mine = 0;
  #acked = 0;
  #firstEmit = 0;

  nextTuple(): void {
    if (this.#firstEmit === 0) {
      const ctx = this.context;
      this.#sentences = generateCorpus(Number(ctx.config.user['sentences'] ?? 100_000)).sentences;
      this.#next = ctx.thisTaskIndex;
      this.#step = ctx.getComponentTasks(ctx.thisComponentId).length;
      this.#mine = Math.ceil((this.#sentences.length - this.#next) / this.#step);
      this.#firstEmit = Date.now();
    }
    const s = this.#sentences[this.#next];
    if (s === undefined) return;
    this.collector.emit([s], this.#next);
    this.#next += this.#step;
  }

  override ack(): void {
    if (++this.#acked !== this.#mine) return;
    const ctx = this.context;
    const out = ctx.config.user['outDir'];
    if (typeof out !== 'string') throw new Error('config.user.outDir is required');
    writeFileSync(
      join(out, `done-${ctx.thisTaskId}.json`),
      JSON.stringify({ firstEmit: this.#firstEmit, lastAck: Date.now(), acked: this.#acked }),
    );
  }

  override fail(id: unknown): void {
    const i = id as number;
    const s = this.#sentences[i];
    if (s !== undefined) this.collector.emit([s], i);
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}

const builder = new TopologyBuilder();
builder.setSpout('sentences', () => new CorpusSpout(), 2);
builder.setBolt('split', () => new Split(), 2).shuffleGrouping('sentences');
builder.setBolt('count', () => new Count(), 4).fieldsGrouping('split', ['word']);
export default builder.createTopology({ workers: 4, maxSpoutPending: 1000 });
