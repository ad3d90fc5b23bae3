/**
 * Bounded memory with acking on: a spout far faster than its bolts, emitting tracked tuples as
 * fast as it may, neither grows the trees in flight nor the process's RSS, whether the bolts are
 * slow (backpressure holds the spout) or never ack (max spout pending holds it, and the timeouts
 * free the slots). RSS is sampled over about two seconds of each run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type TopologyConfigInput } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';

const MB = 1024 * 1024;

interface Run {
  readonly maxInFlight: number;
  readonly emitted: number;
  /** RSS growth from the end of the warm-up to the highest sample after it. */
  readonly rssGrowthMb: number;
  /** Heap in use after a full GC: growth from the end of the warm-up to the last sample. */
  readonly heapGrowthMb: number;
}

/** Heap in use after a full collection (test files run with --expose-gc; else without it). */
function liveHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function measure(boltAcks: boolean, config: TopologyConfigInput): Promise<Run> {
  let inFlight = 0;
  let maxInFlight = 0;
  let emitted = 0;
  const b = new TopologyBuilder();
  b.setSpout(
    'fast',
    () =>
      new FnSpout({
        outputs: { default: ['n', 'payload'] },
        nextTuple(c) {
          c.emit('default', [emitted, 'x'.repeat(64)], emitted++);
          inFlight++;
          if (inFlight > maxInFlight) maxInFlight = inFlight;
        },
        ack: () => void inFlight--,
        fail: () => void inFlight--,
      }),
  );
  b.setBolt(
    'slow',
    () =>
      new FnBolt({
        autoAck: boltAcks,
        execute() {
          busyWait(0.02);
        },
      }),
    2,
  ).shuffleGrouping('fast');
  await using cluster = new LocalCluster({ logger: silentLogger });
  await cluster.submitTopology('memory', b.createTopology(config));
  const samples: number[] = [];
  const started = Date.now();
  let heapWarm = 0;
  while (Date.now() - started < 2500) {
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
    samples.push(process.memoryUsage().rss);
    if (samples.length === 5) heapWarm = liveHeap();
  }
  const heapEnd = liveHeap();
  await cluster.killTopology('memory', { drainTimeoutMs: 2000 });
  const warm = samples[4]!; // after 0.5 s
  const peak = Math.max(...samples.slice(5));
  return { maxInFlight, emitted, rssGrowthMb: (peak - warm) / MB, heapGrowthMb: (heapEnd - heapWarm) / MB };
}

const describe_ = (r: Run): string =>
  `${r.emitted} emits, at most ${r.maxInFlight} trees in flight, RSS growth after warm-up ${r.rssGrowthMb.toFixed(1)} MB, live heap growth ${r.heapGrowthMb.toFixed(1)} MB`;

describe('acking - bounded memory', () => {
  it('acking - slow bolts: backpressure bounds the trees in flight and RSS stays flat', async (t) => {
    const run = await measure(true, { receiveQueueCapacity: 1024 });
    t.diagnostic(describe_(run));
    assert.ok(run.emitted > 10_000, `the spout ran (${run.emitted} emits)`);
    // Two bolt queues of 1024 plus the overshoot of one step.
    assert.ok(run.maxInFlight <= 4 * 1024, `in flight at most ${run.maxInFlight}`);
    // RSS moves with the GC's sizing by tens of MB; the live heap is the sharp measure.
    assert.ok(run.rssGrowthMb < 64, `RSS grew ${run.rssGrowthMb.toFixed(1)} MB after warm-up`);
    assert.ok(run.heapGrowthMb < 8, `the live heap grew ${run.heapGrowthMb.toFixed(1)} MB after warm-up`);
  });

  it('acking - bolts that never ack: maxSpoutPending bounds the trees in flight, timeouts free them, RSS stays flat', async (t) => {
    const run = await measure(false, { maxSpoutPending: 2000, messageTimeoutSecs: 0.5 });
    t.diagnostic(describe_(run));
    assert.ok(run.maxInFlight <= 2000, `in flight at most ${run.maxInFlight}`);
    assert.ok(run.emitted > 4000, `timeouts let the spout go on (${run.emitted} emits)`);
    // RSS moves with the GC's sizing by tens of MB; the live heap is the sharp measure.
    assert.ok(run.rssGrowthMb < 64, `RSS grew ${run.rssGrowthMb.toFixed(1)} MB after warm-up`);
    assert.ok(run.heapGrowthMb < 8, `the live heap grew ${run.heapGrowthMb.toFixed(1)} MB after warm-up`);
  });
});
