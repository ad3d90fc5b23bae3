/**
 * Several workers on one thread lose, duplicate and misroute nothing: a finite word count whose
 * tuples cross workers through the in-process transport (spout to split by shuffle, split to count
 * by fields, count with more tasks than executors) ends with exactly the counts of a plain `Map`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, SentenceSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const WORDS = ['ant', 'bee', 'cat', 'dog', 'eel', 'fox', 'gnu', 'hen', 'ibis', 'jay', 'koi', 'lynx', 'mole'];

/** Deterministic sentences with a skewed word distribution (xorshift, fixed seed). */
function sentences(n: number): string[] {
  let x = 88172645;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => {
    const len = 1 + Math.floor(next() * 9);
    return Array.from({ length: len }, () => WORDS[Math.floor(next() * next() * WORDS.length)]!).join(' ');
  });
}

function expectedCounts(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of list) for (const w of s.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

interface CountTask {
  readonly counts: Map<string, number>;
  /** The tasks of this count task's worker, as its context says. */
  readonly workerTasks: readonly number[];
}

interface Run {
  readonly totals: Map<string, number>;
  readonly byTask: ReadonlyMap<number, CountTask>;
  /** Tuples the split tasks received from a spout task of another worker. */
  readonly crossWorker: number;
}

async function runWordCount(
  list: readonly string[],
  workers: number,
  receiveQueueCapacity: number,
): Promise<Run> {
  const byTask = new Map<number, CountTask>();
  let crossWorker = 0;
  const builder = new TopologyBuilder();
  builder.setSpout('sentences', () => new SentenceSpout(list, 5), 2);
  builder
    .setBolt(
      'split',
      () =>
        new FnBolt({
          outputs: { default: ['word'] },
          execute(t, c, ctx) {
            if (!ctx.thisWorkerTasks.includes(t.sourceTask)) crossWorker++;
            for (const w of String(t.getValue(0)).split(' ')) c.emit('default', [w]);
          },
        }),
      3,
    )
    .shuffleGrouping('sentences');
  builder
    .setBolt(
      'count',
      () => {
        const counts = new Map<string, number>();
        return new FnBolt({
          prepare(ctx) {
            byTask.set(ctx.thisTaskId, { counts, workerTasks: ctx.thisWorkerTasks });
          },
          execute(t) {
            const w = String(t.getValue(0));
            counts.set(w, (counts.get(w) ?? 0) + 1);
          },
        });
      },
      2,
    )
    .setNumTasks(7)
    .fieldsGrouping('split', ['word']);
  // Two spout tasks each emit the whole list: every word is counted twice.
  const topology = builder.createTopology({ workers, receiveQueueCapacity, transferBatchSize: 16 });

  await using cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('wc', topology);
  await waitFor(
    () =>
      cluster.getTopology('wc').components.find((c) => c.component === 'sentences')?.emitted ===
      2 * list.length,
    { message: 'both spout tasks emitted every sentence' },
  );
  const report = await cluster.killTopology('wc');
  assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });

  const totals = new Map<string, number>();
  const owner = new Map<string, number>();
  for (const [task, { counts }] of byTask) {
    for (const [word, n] of counts) {
      const other = owner.get(word);
      assert.equal(other, undefined, `'${word}' counted by tasks ${String(other)} and ${task}`);
      owner.set(word, task);
      totals.set(word, n);
    }
  }
  return { totals, byTask, crossWorker };
}

function twice(m: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...m].map(([w, n]) => [w, 2 * n]));
}

describe('multi-worker - exact word counts', () => {
  it('multi-worker - 2 workers: counts equal a plain Map computation after killTopology drains', async () => {
    const list = sentences(2000);
    const run = await runWordCount(list, 2, 1024);
    assert.equal(run.byTask.size, 7, 'every count task ran');
    assert.deepEqual(run.totals, twice(expectedCounts(list)));
    const homes = new Set([...run.byTask.values()].map((t) => t.workerTasks.join(',')));
    assert.equal(homes.size, 2, 'the count tasks ran in two workers');
    assert.ok(run.crossWorker > 0, 'some sentences crossed workers');
  });

  it('multi-worker - 3 workers: counts stay exact', async () => {
    const list = sentences(2000);
    const run = await runWordCount(list, 3, 1024);
    assert.deepEqual(run.totals, twice(expectedCounts(list)));
    const homes = new Set([...run.byTask.values()].map((t) => t.workerTasks.join(',')));
    assert.equal(homes.size, 2, 'count (2 executors) ran in two of the three workers');
    assert.ok(run.crossWorker > 0, 'some sentences crossed workers');
  });

  it('multi-worker - 3 workers: counts stay exact when small queues keep cross-worker backpressure busy', async () => {
    const list = sentences(1500);
    const run = await runWordCount(list, 3, 8);
    assert.deepEqual(run.totals, twice(expectedCounts(list)));
  });
});
