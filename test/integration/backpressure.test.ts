/**
 * Backpressure keeps memory bounded: a spout far faster than its bolt is not polled while the
 * bolt's queue is full, so the queue never holds more than its capacity plus the emits of one
 * `nextTuple` call, and RSS stays flat.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const CAPACITY = 100;
const PER_CALL = 10;

describe('backpressure - bounded queues', () => {
  it('backpressure - a fast spout is throttled to the slow bolt: queue, lag and RSS stay bounded', async () => {
    let cluster: LocalCluster | null = null;
    let calls = 0;
    let executed = 0;
    let maxAtEntry = 0;
    let maxAfterEmit = 0;
    let maxLag = 0;
    const queued = (): number => cluster!.getTopology('bp').queued;
    const builder = new TopologyBuilder();
    builder.setSpout(
      'fast',
      () =>
        new FnSpout({
          nextTuple(c) {
            calls++;
            // Sampled exactly where the peaks are: on entry (is the spout polled while blocked?)
            // and after its emits (the most one call can overshoot by).
            maxAtEntry = Math.max(maxAtEntry, queued());
            for (let i = 0; i < PER_CALL; i++) c.emit('default', [new Array<number>(64).fill(i)]);
            maxAfterEmit = Math.max(maxAfterEmit, queued());
            maxLag = Math.max(maxLag, calls * PER_CALL - executed);
          },
        }),
      1,
    );
    builder
      .setBolt(
        'slow',
        () =>
          new FnBolt({
            execute() {
              busyWait(0.02);
              executed++;
            },
          }),
        1,
      )
      .shuffleGrouping('fast');
    const topology = builder.createTopology({ receiveQueueCapacity: CAPACITY });

    await using c = new LocalCluster({ logger: silentLogger });
    cluster = c;
    const rssBefore = process.memoryUsage().rss;
    let rssMax = rssBefore;
    let sampledMax = 0;
    const sampler = setInterval(() => {
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
      if (cluster?.topologyNames().includes('bp')) sampledMax = Math.max(sampledMax, queued());
    }, 2);
    try {
      await c.submitTopology('bp', topology);
      await waitFor(() => executed >= 30_000, {
        timeoutMs: 8000,
        message: 'the bolt executed 30 000 tuples',
      });
    } finally {
      clearInterval(sampler);
    }
    const spoutEmitted = c.getTopology('bp').components.find((s) => s.component === 'fast')!.emitted;
    await c.killTopology('bp');

    assert.ok(maxAtEntry < CAPACITY, `the spout is never polled while the queue is full (saw ${maxAtEntry})`);
    assert.ok(
      maxAfterEmit <= CAPACITY + PER_CALL,
      `queue <= capacity + one call's emits (saw ${maxAfterEmit})`,
    );
    assert.ok(sampledMax <= CAPACITY + PER_CALL, `queue sampled from the event loop (saw ${sampledMax})`);
    assert.ok(maxLag <= CAPACITY + PER_CALL, `emitted - executed stays bounded (saw ${maxLag})`);
    assert.ok(maxAfterEmit >= CAPACITY, 'the queue did fill up: backpressure was exercised');
    assert.equal(spoutEmitted, calls * PER_CALL);
    assert.equal(executed, calls * PER_CALL, 'after the drain, everything emitted was executed');
    // Generous: an unthrottled spout would queue hundreds of thousands of 64-number arrays.
    const growthMb = (rssMax - rssBefore) / 2 ** 20;
    assert.ok(growthMb < 150, `RSS grew by ${growthMb.toFixed(1)} MB`);
  });

  it('backpressure - a bolt that emits is throttled by its own full downstream queue', async () => {
    let relayed = 0;
    let sunk = 0;
    let maxQueued = 0;
    let cluster: LocalCluster | null = null;
    const builder = new TopologyBuilder();
    builder.setSpout(
      'src',
      () =>
        new FnSpout({
          nextTuple(c) {
            c.emit('default', [1]);
          },
        }),
      1,
    );
    builder
      .setBolt(
        'fanout',
        () =>
          new FnBolt({
            outputs: { default: ['v'] },
            execute(_t, c) {
              for (let i = 0; i < 5; i++) c.emit('default', [i]);
              relayed += 5;
            },
          }),
        1,
      )
      .shuffleGrouping('src');
    builder
      .setBolt(
        'sink',
        () =>
          new FnBolt({
            execute() {
              busyWait(0.02);
              sunk++;
              maxQueued = Math.max(maxQueued, cluster!.getTopology('chain').queued);
            },
          }),
        1,
      )
      .shuffleGrouping('fanout');
    await using c = new LocalCluster({ logger: silentLogger });
    cluster = c;
    await c.submitTopology('chain', builder.createTopology({ receiveQueueCapacity: 50 }));
    await waitFor(() => sunk >= 10_000, { timeoutMs: 8000 });
    c.deactivate('chain');
    await c.killTopology('chain');
    // Two queues, each within capacity plus one call's emits: fanout's (+1 per nextTuple), sink's (+5 per execute).
    assert.ok(maxQueued <= 50 + 1 + 50 + 5, `total queued stayed bounded (saw ${maxQueued})`);
    assert.ok(maxQueued >= 50, 'the queues did fill up');
    assert.equal(sunk, relayed, 'the drain delivered everything fanout emitted');
  });
});
