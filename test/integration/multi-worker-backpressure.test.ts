/**
 * Backpressure across workers is per task (docs/design/runtime.md): a full queue in one worker
 * stops exactly its producers in other workers, through `BackpressureStatus` messages, so memory
 * stays bounded, and workers that feed each other never deadlock.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { LocalTopology } from '../../src/local/local-topology.js';
import { silentLogger } from '../../src/runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const CAPACITY = 64;
const BATCH = 8;
const PER_CALL = 10;
/** `InProcessTransport`'s default `maxInFlightPerLink`: batches a link may have waiting. */
const IN_FLIGHT_LIMIT = 64;
/**
 * What the slow bolt's queue may hold: its capacity, plus what was in flight while the status saying
 * "full" travelled (a link's in-flight limit of batches, counted thrice: the sender may run up to two
 * slices before the receiver's slice sends the status), plus one `nextTuple` call's emits.
 */
const QUEUE_BOUND = CAPACITY + 3 * IN_FLIGHT_LIMIT * BATCH + PER_CALL;
/** Emitted but not executed: the queue bound plus one more in-flight window and a partial batch. */
const LAG_BOUND = QUEUE_BOUND + IN_FLIGHT_LIMIT * BATCH + BATCH;

describe('multi-worker - backpressure between workers', () => {
  it("multi-worker - a fast spout in worker 1 is throttled to a slow bolt in worker 2: the bolt's queue and the lag stay bounded", async () => {
    let emitted = 0;
    let executed = 0;
    let maxQueue = 0;
    let maxLag = 0;
    let lt: LocalTopology | null = null;
    const slowQueue = (): number => lt!.workers[1]!.queuedTuples();
    const builder = new TopologyBuilder();
    // Executors in plan order: a-fast -> worker 1, b-slow -> worker 2.
    builder.setSpout(
      'a-fast',
      () =>
        new FnSpout({
          nextTuple(c) {
            for (let i = 0; i < PER_CALL; i++) c.emit('default', [emitted++]);
            maxLag = Math.max(maxLag, emitted - executed);
          },
        }),
      1,
    );
    builder
      .setBolt(
        'b-slow',
        () =>
          new FnBolt({
            execute() {
              // Sampled where the peak is: the first execute after a delivery sees the queue it made.
              maxQueue = Math.max(maxQueue, slowQueue() + 1);
              busyWait(0.02);
              executed++;
            },
          }),
        1,
      )
      .shuffleGrouping('a-fast');
    const topology = builder.createTopology({
      workers: 2,
      receiveQueueCapacity: CAPACITY,
      transferBatchSize: BATCH,
    });
    lt = new LocalTopology({ name: 'bp', topology, logger: silentLogger, onFatal() {} });
    assert.equal(lt.workers.length, 2);
    let sampledQueue = 0;
    const sampler = setInterval(() => {
      sampledQueue = Math.max(sampledQueue, slowQueue());
      maxLag = Math.max(maxLag, emitted - executed);
    }, 2);
    try {
      lt.start();
      await waitFor(() => executed >= 40_000, {
        timeoutMs: 8000,
        message: 'the slow bolt executed 40 000 tuples',
      });
    } finally {
      clearInterval(sampler);
    }
    const report = await lt.stop(5000);

    assert.equal(lt.workers[0]!.queuedTuples() + lt.workers[1]!.queuedTuples(), 0);
    assert.ok(maxQueue >= CAPACITY, `the queue did fill up: backpressure was exercised (max ${maxQueue})`);
    assert.ok(maxQueue <= QUEUE_BOUND, `slow queue <= ${QUEUE_BOUND} (saw ${maxQueue})`);
    assert.ok(sampledQueue <= QUEUE_BOUND, `slow queue sampled from the event loop (saw ${sampledQueue})`);
    assert.ok(maxLag <= LAG_BOUND, `emitted - executed <= ${LAG_BOUND} (saw ${maxLag})`);
    assert.deepEqual(report, { drained: true, dropped: 0 });
    assert.equal(executed, emitted, 'after the drain, everything emitted was executed');
  });

  it('multi-worker - two workers each running half of split and half of count keep making progress and drain on kill', async () => {
    const FANOUT = 6;
    let sentences = 0;
    let splitExecuted = 0;
    let counted = 0;
    let maxQueued = 0;
    let cluster: LocalCluster | null = null;
    const builder = new TopologyBuilder();
    // Executors a [1] [2], b [3] [4], c [5] [6]: worker 1 runs 1, 3, 5 and worker 2 runs 2, 4, 6,
    // so each split feeds a count in both workers (the case that deadlocked per-connection pauses).
    builder.setSpout(
      'a-src',
      () =>
        new FnSpout({
          nextTuple(c) {
            // Bursts fill the split queues, the precondition of the old deadlock.
            for (let i = 0; i < 4; i++) c.emit('default', [sentences++]);
          },
        }),
      2,
    );
    builder
      .setBolt(
        'b-split',
        () =>
          new FnBolt({
            outputs: { default: ['word'] },
            execute(t, c) {
              splitExecuted++;
              const n = Number(t.getValue(0));
              for (let i = 0; i < FANOUT; i++) c.emit('default', [`w${(n * FANOUT + i) % 97}`]);
            },
          }),
        2,
      )
      .shuffleGrouping('a-src');
    builder
      .setBolt(
        'c-count',
        () =>
          new FnBolt({
            execute() {
              busyWait(0.01);
              counted++;
              if ((counted & 63) === 0) maxQueued = Math.max(maxQueued, cluster!.getTopology('dl').queued);
            },
          }),
        2,
      )
      .fieldsGrouping('b-split', ['word']);
    const topology = builder.createTopology({ workers: 2, receiveQueueCapacity: 16, transferBatchSize: 4 });

    await using c = new LocalCluster({ logger: silentLogger });
    cluster = c;
    await c.submitTopology('dl', topology);
    // Progress in each of several consecutive windows: a deadlock would stall one of them.
    for (let window = 0; window < 5; window++) {
      const target = counted + 4000;
      await waitFor(() => counted >= target, {
        timeoutMs: 2000,
        message: `window ${window}: count progressed by 4000 (at ${counted})`,
      });
    }
    const report = await c.killTopology('dl');

    assert.deepEqual({ drained: report.drained, dropped: report.dropped }, { drained: true, dropped: 0 });
    assert.ok(maxQueued >= 16, `queues filled: backpressure was in play (max queued ${maxQueued})`);
    assert.equal(splitExecuted, sentences, 'every sentence was split');
    assert.equal(counted, sentences * FANOUT, 'every word was counted');
    const byComponent = new Map(report.components.map((s) => [s.component, s]));
    assert.equal(byComponent.get('c-count')?.executed, counted);
  });
});
