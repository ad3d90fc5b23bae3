/**
 * Sender process of one TCP throughput run:
 * `node --expose-gc dist/bench/tcp/run-tcp-throughput.js <plain|gale> <batch> <tuples>`.
 *
 * Forks a fresh receiver process, connects to it over 127.0.0.1 and sends `tuples` tuples in
 * batches of `batch` (the pool's batches in turn, built before the clock starts), as fast as flow
 * control allows: the plain harness waits for `'drain'` after a `write()` that returned false,
 * Gale stops while its link is not `writable` and resumes on `onWritable`. Timed from the first
 * send until the receiver's ack (it counted every tuple). Prints one JSON line
 * (TcpThroughputResult) on stdout.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectSender } from './connect.js';
import { HOST, isTcpImpl } from './endpoints.js';
import { ReceiverProcess } from './receiver-process.js';
import { sameChecksum, Tally } from './tally.js';
import type { TcpThroughputResult } from './tcp-result.js';
import { TuplePool } from './tuple-pool.js';
import { withTimeout } from './wait.js';

/** The run fails if the receiver has not acked after this long (lost tuples would hang it). */
const MIN_TUPLES_PER_SEC = 100_000;

async function main(argv: readonly string[]): Promise<void> {
  const [impl, batchArg, tuplesArg] = argv;
  const batch = Number(batchArg);
  const requested = Number(tuplesArg);
  if (impl === undefined || !isTcpImpl(impl) || !(batch >= 1) || !(requested >= 1))
    throw new Error(`usage: run-tcp-throughput.js <plain|gale> <batch> <tuples>, got ${argv.join(' ')}`);
  const batches = new TuplePool().batches(batch);
  const totals = batches.map((b) => {
    const t = new Tally();
    t.addSent(b.tuples);
    return t.snapshot();
  });
  const batchCount = Math.ceil(requested / batch);
  let tuples = 0;
  for (let i = 0; i < batchCount; i++) tuples += totals[i % batches.length]!.tuples;

  const loadAtStart = loadavg()[0] ?? 0;
  const receiver = await ReceiverProcess.start(impl, tuples, false);
  try {
    const sender = await connectSender(impl, await receiver.port(), HOST);
    const bytesPerTuple = sender.frameBytes(batches[0]!) / batch;
    globalThis.gc?.();
    const sent = new Tally();
    let next = 0;
    const pump = (): void => {
      while (next < batchCount) {
        const i = next++ % batches.length;
        sent.addTotals(totals[i]!);
        if (!sender.send(batches[i]!)) return;
      }
    };
    sender.onReady(pump);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    // The clock stops at the ack; the receiver's report follows (it fails at once if the receiver dies).
    const acked = sender.acked.then(() => ({
      wallMs: performance.now() - wallStart,
      cpu: process.cpuUsage(cpuStart),
    }));
    pump();
    const timeoutMs = 30_000 + (tuples / MIN_TUPLES_PER_SEC) * 1000;
    const [{ wallMs, cpu }, received] = await withTimeout(
      Promise.all([acked, receiver.result()]),
      timeoutMs,
      'the receiver did not acknowledge',
    );
    await sender.close();
    await receiver.stop();
    const senderCpuMs = (cpu.user + cpu.system) / 1000;
    const r = { tuples: received.tuples, lengthSum: received.lengthSum, valueSum: received.valueSum };
    const result: TcpThroughputResult = {
      impl,
      batch,
      tuples,
      wallMs,
      tuplesPerSec: tuples / (wallMs / 1000),
      bytesPerTuple,
      senderCpuMs,
      senderCpuShare: senderCpuMs / wallMs,
      receiverCpuMs: received.cpuMs,
      receiverCpuShare: received.cpuMs / received.wallMs,
      tuplesPerCpuSec: tuples / ((senderCpuMs + received.cpuMs) / 1000),
      sent: sent.snapshot(),
      received: r,
      correct: sameChecksum(sent, r),
      loadAvg1m: loadAtStart,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    receiver.kill();
  }
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a transport may leave a reconnect timer or socket behind.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
