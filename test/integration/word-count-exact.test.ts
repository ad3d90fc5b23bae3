/**
 * The runtime loses, duplicates and misroutes nothing: a finite word count through a split layer
 * (shuffle) and a count layer (fields grouping, more tasks than executors) ends with exactly the
 * counts of a plain `Map` computation, each word counted by one task only.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { CountBolt, SentenceSpout, SplitBolt } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
];

/** Deterministic sentences with a skewed word distribution (xorshift, fixed seed). */
function sentences(n: number): string[] {
  let x = 2463534242;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(next() * 8);
    const words: string[] = [];
    for (let w = 0; w < len; w++) words.push(WORDS[Math.floor(next() * next() * WORDS.length)]!);
    out.push(words.join(' '));
  }
  return out;
}

function expectedCounts(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of list) for (const w of s.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

async function runWordCount(
  list: readonly string[],
  perCall: number,
  receiveQueueCapacity: number,
): Promise<Map<number, ReadonlyMap<string, number>>> {
  const sink = new Map<number, ReadonlyMap<string, number>>();
  const builder = new TopologyBuilder();
  builder.setSpout('sentences', () => new SentenceSpout(list, perCall), 1);
  builder.setBolt('split', () => new SplitBolt(), 3).shuffleGrouping('sentences');
  builder
    .setBolt('count', () => new CountBolt(sink), 2)
    .setNumTasks(5)
    .fieldsGrouping('split', ['word']);
  const topology = builder.createTopology({ receiveQueueCapacity });

  await using cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('wc', topology);
  await waitFor(
    () =>
      cluster.getTopology('wc').components.find((c) => c.component === 'sentences')?.emitted === list.length,
    { message: 'the spout emitted every sentence' },
  );
  const report = await cluster.killTopology('wc');
  assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
  return sink;
}

function merge(sink: ReadonlyMap<number, ReadonlyMap<string, number>>): Map<string, number> {
  const total = new Map<string, number>();
  const owner = new Map<string, number>();
  for (const [task, counts] of sink) {
    for (const [word, n] of counts) {
      const other = owner.get(word);
      assert.equal(other, undefined, `'${word}' counted by tasks ${String(other)} and ${task}`);
      owner.set(word, task);
      total.set(word, n);
    }
  }
  return total;
}

describe('word count - exact results', () => {
  it('word count - counts equal a plain Map computation after killTopology drains', async () => {
    const list = sentences(3000);
    const sink = await runWordCount(list, 1, 1024);
    assert.equal(sink.size, 5, 'every count task cleaned up and published its counts');
    assert.deepEqual(merge(sink), expectedCounts(list));
  });

  it('word count - counts stay exact when backpressure throttles a bursty spout', async () => {
    // 50 sentences per nextTuple into queues of 8: producers block and resume constantly.
    const list = sentences(2000);
    const sink = await runWordCount(list, 50, 8);
    assert.deepEqual(merge(sink), expectedCounts(list));
  });

  it('word count - the count layer gets the tuples of one word on one task only', async () => {
    const list = sentences(500);
    const sink = await runWordCount(list, 1, 1024);
    const used = [...sink.values()].filter((m) => m.size > 0).length;
    assert.ok(used >= 2, `words spread over several count tasks (used ${used})`);
    merge(sink); // throws when a word shows up on two tasks
  });
});
