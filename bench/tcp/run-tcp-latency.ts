/**
 * Sender process of one TCP latency run:
 * `node --expose-gc dist/bench/tcp/run-tcp-latency.js <plain|gale> <tuples-per-sec> <secs> <warmup-secs> <max-batch>`.
 *
 * Forks a fresh receiver process and sends `[word, 1]` tuples to it at a fixed rate for
 * `warmup-secs + secs` (`PacedSender`: batches of at most `max-batch`, cut at every 1 ms tick). The
 * receiver stamps each batch as its handler runs; the two sides' records are joined per batch into
 * per-tuple latencies from send and from due time, the warm-up left out. Prints one JSON line
 * (TcpLatencyResult) on stdout.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectSender } from './connect.js';
import { HOST, isTcpImpl } from './endpoints.js';
import { joinLatency } from './latency-join.js';
import { PacedSender } from './paced-sender.js';
import { ReceiverProcess } from './receiver-process.js';
import { sameChecksum, Tally } from './tally.js';
import type { TcpLatencyResult } from './tcp-result.js';
import { TuplePool } from './tuple-pool.js';
import { withTimeout } from './wait.js';

function positive(raw: string | undefined): number {
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : NaN;
}

async function main(argv: readonly string[]): Promise<void> {
  const [impl, perSecArg, secsArg, warmupArg, maxBatchArg] = argv;
  const [perSec, secs, warmupSecs, maxBatch] = [
    positive(perSecArg),
    positive(secsArg),
    Number(warmupArg),
    positive(maxBatchArg),
  ];
  if (
    impl === undefined ||
    !isTcpImpl(impl) ||
    [perSec, secs, maxBatch].some(Number.isNaN) ||
    !(warmupSecs >= 0)
  )
    throw new Error(
      `usage: run-tcp-latency.js <plain|gale> <tuples-per-sec> <secs> <warmup-secs> <max-batch>, got ${argv.join(' ')}`,
    );
  const pool = new TuplePool();
  const total = Math.round(perSec * (warmupSecs + secs));
  const loadAtStart = loadavg()[0] ?? 0;
  const receiver = await ReceiverProcess.start(impl, total, true);
  try {
    const sender = await connectSender(impl, await receiver.port(), HOST);
    globalThis.gc?.();
    const sent = new Tally();
    const pacer = new PacedSender(sender, pool, sent, perSec, total, maxBatch);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const acked = sender.acked.then(() => ({
      wallMs: performance.now() - wallStart,
      cpu: process.cpuUsage(cpuStart),
    }));
    const timeoutMs = 30_000 + (warmupSecs + secs) * 1000;
    const [{ wallMs, cpu }, received] = await withTimeout(
      Promise.all([acked, receiver.result(), pacer.run()]),
      timeoutMs,
      'the receiver did not acknowledge',
    );
    await sender.close();
    await receiver.stop();
    const joined = joinLatency(
      pacer,
      received.receivedAt,
      pacer.startMs,
      pacer.intervalMs,
      warmupSecs * 1000,
    );
    const result: TcpLatencyResult = {
      impl,
      maxBatch,
      targetPerSec: perSec,
      achievedPerSec: joined.spanMs > 0 ? (joined.tuples * 1000) / joined.spanMs : 0,
      tuples: joined.tuples,
      batches: joined.batches,
      ticks: joined.ticks,
      measuredSecs: joined.spanMs / 1000,
      senderCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      receiverCpuShare: received.cpuMs / received.wallMs,
      fromSend: joined.fromSend,
      fromSendMinMs: joined.fromSendMinMs,
      fromDue: joined.fromDue,
      correct: sameChecksum(sent, received),
      loadAvg1m: [loadAtStart, loadavg()[0] ?? 0],
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    receiver.kill();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
