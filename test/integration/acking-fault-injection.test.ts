/**
 * Fault injection: a word count whose count bolt throws on, fails or drops (never acks) 10% of
 * its tuples at random, fed by a replaying `ReliableSpout`. With acking on, every sentence is
 * eventually acked, none is lost: every word count is at least the exact count, and equals it
 * once the duplicates that replays cause are taken out. A manual clock drives the timeouts that
 * replay dropped tuples.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReliableSpout,
  TopologyBuilder,
  type OutputFieldsDeclarer,
  type ReliableMessage,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBasicBolt, FnBolt } from '../helpers/fixtures.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { waitFor } from '../helpers/wait-for.js';

const SENTENCES = 300;
const VOCABULARY = Array.from({ length: 20 }, (_, i) => `w${i}`);

/** A small seeded generator (an LCG): the faults are random but repeatable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function corpus(): string[] {
  const next = random(42);
  return Array.from({ length: SENTENCES }, () =>
    Array.from({ length: 3 + Math.floor(next() * 6) }, () => VOCABULARY[Math.floor(next() * 20)]).join(' '),
  );
}

type Out = { default: [sid: number, sentence: string] };

type Fault = 'throw' | 'fail' | 'drop';

async function runWithFault(fault: Fault, workers = 1): Promise<void> {
  const sentences = corpus();
  const exact = new Map<string, number>();
  for (const s of sentences) for (const w of s.split(' ')) exact.set(w, (exact.get(w) ?? 0) + 1);

  const acked: number[] = [];
  const deadLetters: number[] = [];
  let spout: Sentences | undefined;
  class Sentences extends ReliableSpout<Out> {
    #next = 0;
    constructor() {
      super({ maxRetries: 1000 });
    }
    protected nextMessage(): ReliableMessage<Out> | undefined {
      if (this.#next >= sentences.length) return undefined;
      const sid = this.#next++;
      return { id: sid, values: [sid, sentences[sid]!] };
    }
    protected override onAcked(m: ReliableMessage<Out>): void {
      acked.push(Number(m.id));
    }
    protected override onDeadLetter(m: ReliableMessage<Out>): void {
      deadLetters.push(Number(m.id));
    }
    declareOutputFields(d: OutputFieldsDeclarer<Out>): void {
      d.declare(['sid', 'sentence']);
    }
  }

  const raw = new Map<string, number>();
  const distinct = new Map<string, Set<string>>(); // word -> "sid:position" keys counted
  let injected = 0;
  const b = new TopologyBuilder();
  b.setSpout('sentences', () => (spout = new Sentences()));
  b.setBolt(
    'split',
    () =>
      new FnBasicBolt({
        outputs: { default: ['sid', 'pos', 'word'] },
        execute(t, c) {
          String(t.getValue(1))
            .split(' ')
            .forEach((w, pos) => c.emit([t.getValue(0), pos, w]));
        },
      }),
    2,
  ).shuffleGrouping('sentences');
  b.setBolt(
    'count',
    () => {
      let next = (): number => 0;
      return new FnBolt({
        autoAck: false,
        prepare: (ctx) => void (next = random(1000 + ctx.thisTaskId)),
        execute(t, c) {
          const word = String(t.getValue(2));
          raw.set(word, (raw.get(word) ?? 0) + 1);
          let keys = distinct.get(word);
          if (keys === undefined) distinct.set(word, (keys = new Set()));
          keys.add(`${String(t.getValue(0))}:${String(t.getValue(1))}`);
          if (next() >= 0.1) return c.ack(t);
          injected++;
          if (fault === 'throw') throw new Error('injected fault');
          if (fault === 'fail') c.fail(t);
          // 'drop': never acked; the tree times out.
        },
      });
    },
    2,
  ).fieldsGrouping('split', ['word']);

  const clock = new ManualClock(0);
  await using cluster = new LocalCluster({ logger: silentLogger, clock });
  await cluster.submitTopology(
    'faults',
    b.createTopology({ messageTimeoutSecs: 5, maxSpoutPending: 50, workers }),
  );
  for (let i = 0; i < 5000 && acked.length < SENTENCES; i++) {
    clock.advance(250);
    await new Promise<void>((resolve) => setImmediate(resolve));
    await waitFor(() => cluster.getTopology('faults').queued === 0);
  }

  assert.equal(acked.length, SENTENCES, 'every sentence acked');
  assert.equal(new Set(acked).size, SENTENCES, 'each exactly once');
  assert.deepEqual(deadLetters, []);
  assert.equal(spout?.inFlight, 0);
  assert.ok(injected > 0, 'faults were injected');
  const spoutStats = cluster.getTopology('faults').tasks.find((t) => t.component === 'sentences')!;
  assert.ok(spoutStats.failed > 0, 'trees failed and were replayed');
  for (const [word, n] of exact) {
    assert.ok((raw.get(word) ?? 0) >= n, `${word}: counted ${raw.get(word)} < exact ${n}: a loss`);
    assert.equal(distinct.get(word)?.size, n, `${word}: without replay duplicates`);
  }
  let duplicates = 0;
  for (const [word, n] of raw) duplicates += n - exact.get(word)!;
  assert.ok(duplicates > 0, 'replays did count some words twice');
  if (fault === 'throw') assert.ok(cluster.getErrors('faults', 'count').length > 0, 'throws are recorded');
}

describe('acking - fault injection', () => {
  for (const fault of ['throw', 'fail', 'drop'] as const) {
    it(`acking - a count bolt that ${fault === 'drop' ? 'drops (never acks)' : `${fault}s on`} 10% of tuples: nothing lost, every sentence acked once`, async () => {
      await runWithFault(fault);
    });
  }
  it('acking - the same with 3 workers and 3 ackers, drops and fails crossing workers', async () => {
    await runWithFault('drop', 3);
    await runWithFault('fail', 3);
  });
});
