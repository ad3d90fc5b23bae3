/**
 * Backpressure across worker processes: a spout far faster than a bolt in another process is
 * held back (per-task backpressure status and the transport's credit window), so the queues and
 * the memory of both processes stay bounded while the bolt works at its own pace.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ProcessCluster } from '../helpers/process-cluster.js';

const TOPOLOGY = fileURLToPath(new URL('../fixtures/tcp-slow-consumer.js', import.meta.url));
const MB = 1024 * 1024;

describe('backpressure across worker processes', () => {
  it('tcp backpressure - a slow bolt in another process holds the spout back; queues and heaps stay bounded', async (t) => {
    await using cluster = await ProcessCluster.start({ topologyFile: TOPOLOGY, workers: 2 });
    // Executors in plan order, round-robin: fast (task 1) on w1, slow (task 2) on w2.
    assert.deepEqual(cluster.assignment, { w1: [1], w2: [2] });
    const samples: { queued: number; heap: number[]; rss: number[]; executed: number; emitted: number }[] =
      [];
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await new Promise((r) => setTimeout(r, 250));
      const all = await cluster.statuses(true);
      samples.push({
        queued: all.reduce((n, s) => n + s.queued, 0),
        heap: all.map((s) => s.heapUsed),
        rss: all.map((s) => s.rss),
        executed: all.reduce((n, s) => n + s.executed, 0),
        emitted: all.reduce((n, s) => n + s.emitted, 0),
      });
    }
    const last = samples.at(-1)!;
    const warm = samples[3]!;
    const maxQueued = Math.max(...samples.map((s) => s.queued));
    const heapGrowth = last.heap.map((h, i) => (h - warm.heap[i]!) / MB);
    const rssGrowth = last.rss.map(
      (r, i) => (Math.max(...samples.slice(3).map((s) => s.rss[i]!)) - warm.rss[i]!) / MB,
    );
    t.diagnostic(
      `executed ${last.executed}, emitted ${last.emitted}, max queued ${maxQueued}, heap growth after warm-up ${heapGrowth.map((g) => g.toFixed(1)).join(' / ')} MB, RSS growth ${rssGrowth.map((g) => g.toFixed(1)).join(' / ')} MB`,
    );
    assert.ok(last.executed > 10_000, 'the slow bolt worked');
    // The spout could emit millions in 3 s; it was held to what the bolt takes plus the buffers:
    // the transport's credit window (256 messages) of batches (at most 256 tuples) in flight
    // before the backpressure status comes back, plus the queues.
    const bound = 256 * 256 + 2 * 1024;
    assert.ok(
      last.emitted - last.executed < bound,
      `${last.emitted - last.executed} emitted but not executed`,
    );
    assert.ok(maxQueued < bound, `at most ${maxQueued} tuples queued`);
    for (const g of heapGrowth) assert.ok(g < 16, `a worker's heap grew ${g.toFixed(1)} MB`);
    // RSS follows the GC's sizing by tens of MB; an unbounded queue would add hundreds.
    for (const g of rssGrowth) assert.ok(g < 64, `a worker's RSS grew ${g.toFixed(1)} MB`);
    await cluster.drainAndStop();
  });
});
