/**
 * Memory per pending tuple tree: `node --expose-gc dist/bench/pending-memory.js [roots]` (default
 * 1,000,000). Creates that many pending roots the way the runtime does, on both sides of acking:
 *
 * - spout side: `PendingRoots(null).add(root, messageId, now)`, with root ids from a spout task's
 *   `RootIds` (task 1, so ids are above 2^32 as for every task but 0), a number message id (as the
 *   `ga` job's sentence index) and a fractional emit time that changes every 256 roots (one time per
 *   scheduling step);
 * - acker side: `AckLedger(3).init(root, spoutTask, hi, lo)` with random nonzero halves, so that
 *   every entry stays pending.
 *
 * Reports the memory growth of each, divided by the number of roots, as one JSON line
 * (PendingMemoryResult). Memory is `heapUsed + arrayBuffers` after full collections: the JS heap plus
 * the backing stores of typed arrays, which live outside the heap (the runtime's root tables are
 * `Float64Array`s). Message ids that are objects cost their own size on top.
 */
import { AckLedger } from '../src/runtime/acking/ack-ledger.js';
import { EdgeIds } from '../src/runtime/acking/edge-ids.js';
import { PendingRoots } from '../src/runtime/acking/pending-roots.js';
import { RootIds } from '../src/runtime/acking/root-ids.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PendingMemoryResult } from './pending-memory-result.js';

const SPOUT_TASK = 1;
const STEP_ROOTS = 256;

async function memoryAfterGc(): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  // Twice, with a pause: the first full collection can leave garbage that only a second one frees,
  // and freed array buffers are released by a sweeper task after the collection.
  gc();
  await sleep(10);
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function measure(count: number): Promise<PendingMemoryResult> {
  const ids = new RootIds(SPOUT_TASK);
  // Off-heap (an ArrayBuffer's backing store is not in heapUsed): lets the acker see the same roots.
  const roots = new Float64Array(count);

  const spoutBefore = await memoryAfterGc();
  const pending = new PendingRoots(null);
  let now = performance.now();
  for (let i = 0; i < count; i++) {
    if (i % STEP_ROOTS === 0) now = performance.now();
    const root = ids.next();
    roots[i] = root;
    pending.add(root, i, now);
  }
  const spoutBytes = (await memoryAfterGc()) - spoutBefore;

  const ackerBefore = await memoryAfterGc();
  const ledger = new AckLedger(3);
  const edges = new EdgeIds();
  for (let i = 0; i < count; i++) {
    ledger.init(roots[i]!, SPOUT_TASK, edges.next32() || 1, edges.next32() || 1);
  }
  const ackerBytes = (await memoryAfterGc()) - ackerBefore;

  // Everything measured against must still be reachable here, or the collections above could free
  // it mid-measurement (`roots` too: it is in both baselines).
  if (pending.size !== count || ledger.size !== count || roots.length !== count)
    throw new Error('roots went missing');
  return { roots: count, spoutBytesPerRoot: spoutBytes / count, ackerBytesPerRoot: ackerBytes / count };
}

async function main(argv: readonly string[]): Promise<void> {
  const count = argv[0] === undefined ? 1_000_000 : Number(argv[0].replaceAll('_', ''));
  if (!Number.isInteger(count) || count <= 0)
    throw new Error(`usage: pending-memory.js [roots], got ${argv[0]}`);
  process.stdout.write(`${JSON.stringify(await measure(count))}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
