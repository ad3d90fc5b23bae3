/**
 * Tuple trees in a running topology (acking on): a spout tuple emitted with a message id is acked
 * exactly when every tuple of its tree is acked, failed at once when one fails, and anchoring,
 * multi-anchoring, unanchored emits and misuse behave as Storm's do.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TopologyBuilder,
  type MessageId,
  type OutputCollector,
  type TopologyConfigInput,
  type Tuple,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBasicBolt, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const SENTENCES = ['the cow jumped', 'over the moon', 'an apple a day', 'keeps the doctor away'];

/** What the spout heard, per message id. */
interface Verdicts {
  readonly acked: MessageId[];
  readonly failed: MessageId[];
}

/** Emits message `i` (values `[i, sentence]`) with message id `i`, for `i < n`. */
function sentenceSpout(n: number, v: Verdicts): FnSpout {
  let i = 0;
  return new FnSpout({
    outputs: { default: ['id', 'sentence'] },
    nextTuple(c) {
      if (i < n) {
        c.emit('default', [i, SENTENCES[i % SENTENCES.length]], i);
        i++;
      }
    },
    ack: (id) => void v.acked.push(id),
    fail: (id) => void v.failed.push(id),
  });
}

/** A basic bolt: emits [id, word] per word (anchored to the input, acked on return). */
const split = (): FnBasicBolt =>
  new FnBasicBolt({
    outputs: { default: ['id', 'word'] },
    execute(t, c) {
      for (const w of String(t.getValue(1)).split(' ')) c.emit([t.getValue(0), w]);
    },
  });

/** A rich bolt that keeps every input unacked until the test decides. */
class Holder {
  readonly held: { tuple: Tuple; collector: OutputCollector }[] = [];
  bolt = (): FnBolt =>
    new FnBolt({
      autoAck: false,
      execute: (tuple, collector) => void this.held.push({ tuple, collector }),
    });
  ackWhere(pred: (t: Tuple) => boolean): number {
    let n = 0;
    for (const h of this.held.filter((x) => pred(x.tuple))) {
      h.collector.ack(h.tuple);
      n++;
    }
    return n;
  }
}

const verdicts = (): Verdicts => ({ acked: [], failed: [] });
const sorted = (ids: readonly MessageId[]): number[] => ids.map(Number).sort((a, b) => a - b);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

async function run(
  builder: TopologyBuilder,
  config: TopologyConfigInput = {},
): Promise<{ cluster: LocalCluster; idle: () => Promise<void> }> {
  const cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('acking', builder.createTopology(config));
  const idle = (): Promise<void> =>
    waitFor(() => cluster.getTopology('acking').queued === 0, { message: 'queues drained' });
  return { cluster, idle };
}

describe('acking - tuple trees', () => {
  it('acking - a spout tuple is acked only once every tuple of its tree is acked, exactly once', async () => {
    const v = verdicts();
    const holder = new Holder();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(20, v));
    b.setBolt('split', split, 2).shuffleGrouping('spout');
    b.setBolt('hold', holder.bolt, 2).fieldsGrouping('split', ['word']);
    const { cluster, idle } = await run(b);
    await using _ = cluster;
    const words = range(20).reduce((n, i) => n + SENTENCES[i % 4]!.split(' ').length, 0);
    await waitFor(() => holder.held.length === words, { message: 'every word reached the holder' });
    await idle();
    assert.deepEqual(v.acked, [], 'nothing acked while leaves are held');

    // All words of message 5 but one: still pending. The last one: acked.
    const five = holder.held.filter((h) => h.tuple.getValue(0) === 5);
    for (const h of five.slice(1)) h.collector.ack(h.tuple);
    await idle();
    assert.deepEqual(v.acked, []);
    five[0]!.collector.ack(five[0]!.tuple);
    await waitFor(() => v.acked.length === 1);
    assert.deepEqual(v.acked, [5]);

    holder.ackWhere((t) => t.getValue(0) !== 5);
    await waitFor(() => v.acked.length === 20);
    await idle();
    assert.deepEqual(sorted(v.acked), range(20), 'each message acked exactly once');
    assert.deepEqual(v.failed, []);
    const spoutStats = cluster.getTopology('acking').tasks.find((t) => t.component === 'spout')!;
    assert.equal(spoutStats.acked, 20);
    // Sampled one tree in 8, each sample counting 8: trees 1, 9 and 17.
    assert.equal(spoutStats.completeLatency?.count, 24, 'complete latency sampled');
  });

  it('acking - a fail anywhere in the tree fails the spout tuple at once, exactly once', async () => {
    const v = verdicts();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(12, v));
    b.setBolt('split', split).shuffleGrouping('spout');
    b.setBolt(
      'leaf',
      () =>
        new FnBolt({
          autoAck: false,
          execute(t, c) {
            // Every word of message 3 fails (several fails in one tree: one spout fail).
            if (t.getValue(0) === 3) c.fail(t);
            else c.ack(t);
          },
        }),
      2,
    ).shuffleGrouping('split');
    // A long timeout: the fail must not wait for it.
    const { cluster, idle } = await run(b, { messageTimeoutSecs: 600 });
    await using _ = cluster;
    await waitFor(() => v.acked.length + v.failed.length === 12);
    await idle();
    assert.deepEqual(v.failed, [3]);
    assert.deepEqual(
      sorted(v.acked),
      range(12).filter((i) => i !== 3),
    );
    const spoutStats = cluster.getTopology('acking').tasks.find((t) => t.component === 'spout')!;
    assert.equal(spoutStats.failed, 1);
  });

  it('acking - a bolt that throws fails its input, so the spout hears fail', async () => {
    const v = verdicts();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(8, v));
    b.setBolt(
      'boom',
      () =>
        new FnBasicBolt({
          execute(t) {
            if (t.getValue(0) === 6) throw new Error('boom');
          },
        }),
    ).shuffleGrouping('spout');
    const { cluster } = await run(b);
    await using _ = cluster;
    await waitFor(() => v.acked.length + v.failed.length === 8);
    assert.deepEqual(v.failed, [6]);
    assert.equal(cluster.getErrors('acking', 'boom').length, 1);
  });

  for (const workers of [1, 3]) {
    it(`acking - multi-anchoring: a tuple anchored to two trees holds both until it is acked (${workers} worker(s))`, async () => {
      const v = verdicts();
      const holder = new Holder();
      const b = new TopologyBuilder();
      b.setSpout('spout', () => sentenceSpout(2, v));
      // Joins the two sentences into one tuple anchored to both inputs, then acks the inputs.
      b.setBolt('join', () => {
        const waiting: Tuple[] = [];
        return new FnBolt({
          autoAck: false,
          outputs: { default: ['joined'] },
          execute(t, c) {
            waiting.push(t);
            if (waiting.length < 2) return;
            c.emit(waiting, [waiting.map((w) => w.getValue(1)).join(' / ')]);
            for (const w of waiting.splice(0)) c.ack(w);
          },
        });
      }).globalGrouping('spout');
      b.setBolt('hold', holder.bolt).shuffleGrouping('join');
      const { cluster, idle } = await run(b, { workers });
      await using _ = cluster;
      await waitFor(() => holder.held.length === 1);
      await idle();
      assert.deepEqual(v.acked, [], 'both trees wait for the joined tuple');
      holder.ackWhere(() => true);
      await waitFor(() => v.acked.length === 2);
      assert.deepEqual(sorted(v.acked), [0, 1]);
    });
  }

  it('acking - an unanchored emit is not part of the tree; an emit with no consumer is acked at once', async () => {
    const v = verdicts();
    const holder = new Holder();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => {
      let i = 0;
      return new FnSpout({
        outputs: { default: ['id'], unheard: ['x'] },
        nextTuple(c) {
          // Message ids 100, 101 go to a stream no bolt subscribes to.
          if (i < 2) c.emit('unheard', [i], 100 + i);
          else if (i < 5) c.emit('default', [i - 2], i - 2);
          i++;
        },
        ack: (id) => void v.acked.push(id),
        fail: (id) => void v.failed.push(id),
      });
    });
    b.setBolt(
      'relay',
      () =>
        new FnBolt({
          outputs: { default: ['id'] },
          execute: (t, c) => c.emit([t.getValue(0)]), // unanchored, then acked by FnBolt
        }),
    ).shuffleGrouping('spout');
    b.setBolt('hold', holder.bolt).shuffleGrouping('relay');
    const { cluster, idle } = await run(b);
    await using _ = cluster;
    await waitFor(() => v.acked.length === 5);
    await idle();
    assert.deepEqual(sorted(v.acked), [0, 1, 2, 100, 101]);
    assert.equal(holder.held.length, 3, 'the unanchored tuples arrived, unacked, and did not hold the trees');
  });

  it('acking - anchoring to an acked tuple is reported and fails its pending tree; a second ack is ignored', async () => {
    const v = verdicts();
    const holder = new Holder();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(4, v));
    b.setBolt(
      'misuse',
      () =>
        new FnBolt({
          autoAck: false,
          outputs: { default: ['id'] },
          execute(t, c) {
            c.ack(t);
            c.ack(t); // ignored
            if (t.getValue(0) === 2) c.emit(t, [2]); // too late to anchor
          },
        }),
    ).shuffleGrouping('spout');
    b.setBolt('sink', () => new FnBolt({ execute() {} })).shuffleGrouping('misuse');
    // A second branch keeps every tree pending until the test acks it.
    b.setBolt('hold', holder.bolt).shuffleGrouping('spout');
    const { cluster, idle } = await run(b);
    await using _ = cluster;
    await waitFor(() => v.failed.length === 1);
    await idle();
    assert.deepEqual(v.failed, [2], 'the misused tree failed at once');
    assert.deepEqual(v.acked, []);
    holder.ackWhere(() => true);
    await waitFor(() => v.acked.length === 3);
    assert.deepEqual(sorted(v.acked), [0, 1, 3]);
    const errors = cluster.getErrors('acking', 'misuse');
    assert.deepEqual(
      errors.map((e) => e.code),
      ['ANCHOR_FINISHED'],
    );
    const misuse = cluster.getTopology('acking').tasks.find((t) => t.component === 'misuse')!;
    assert.equal(misuse.acked, 4, 'each input counted once');
  });

  it('acking - anchors must be tuples the bolt received', async () => {
    const v = verdicts();
    const caught: unknown[] = [];
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(1, v));
    b.setBolt(
      'fake',
      () =>
        new FnBolt({
          outputs: { default: ['id'] },
          execute(t, c) {
            try {
              c.emit({ values: [1] } as unknown as Tuple, [t.getValue(0)]);
            } catch (err) {
              caught.push(err);
            }
          },
        }),
    ).shuffleGrouping('spout');
    const { cluster } = await run(b);
    await using _ = cluster;
    await waitFor(() => v.acked.length === 1);
    assert.equal((caught[0] as { code?: string }).code, 'INVALID_ANCHOR');
  });

  it('acking - with ackers: 0 the spout is acked right after emitting, whatever the bolts do', async () => {
    const v = verdicts();
    const holder = new Holder();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(10, v));
    b.setBolt('hold', holder.bolt).shuffleGrouping('spout');
    const { cluster } = await run(b, { ackers: 0 });
    await using _ = cluster;
    await waitFor(() => v.acked.length === 10);
    assert.deepEqual(sorted(v.acked), range(10));
    assert.ok(
      cluster.getTopology('acking').components.every((c) => c.component !== '__acker'),
      'no acker runs',
    );
  });

  it('acking - trees spanning 3 workers with 2 ackers complete; process latency is sampled', async () => {
    const v = verdicts();
    const b = new TopologyBuilder();
    b.setSpout('spout', () => sentenceSpout(300, v), 2);
    b.setBolt('split', split, 3).shuffleGrouping('spout');
    b.setBolt(
      'count',
      () => new FnBasicBolt({ outputs: { default: ['word'] }, execute: (t, c) => c.emit([t.getValue(1)]) }),
      3,
    ).fieldsGrouping('split', ['word']);
    b.setBolt('sink', () => new FnBolt({ execute() {} }), 2).shuffleGrouping('count');
    const { cluster, idle } = await run(b, { workers: 3, ackers: 2 });
    await using _ = cluster;
    await waitFor(() => v.acked.length === 600, { timeoutMs: 10_000 });
    await idle();
    assert.equal(new Set(v.acked.map(String)).size, 300, 'each of the 300 ids, once per spout task');
    assert.deepEqual(v.failed, []);
    const info = cluster.getTopology('acking');
    assert.equal(info.tasks.filter((t) => t.component === '__acker').length, 2);
    const counts = info.tasks.filter((t) => t.component === 'count');
    assert.ok(
      counts.some((t) => (t.processLatency?.count ?? 0) > 0),
      'process latency sampled',
    );
  });
});
