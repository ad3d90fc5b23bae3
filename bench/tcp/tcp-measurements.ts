/**
 * The TCP measurements of `npm run bench`, after the throughput rounds of the jobs: throughput of
 * Gale's TCP transport against a plain socket harness, then latency at a fraction of Gale's best
 * throughput. Progress lines go to stderr.
 */
import type { BenchOptions } from '../bench-options.js';
import { formatMs, formatRate } from '../format.js';
import {
  runTcpLatency,
  runTcpThroughput,
  TCP_BATCH_SIZES,
  TCP_LATENCY_LOAD,
  TCP_LATENCY_MAX_ROUNDS,
  type TcpLatencyRun,
  type TcpThroughputRun,
} from './tcp-phase.js';
import { bestGale, summarizeTcp, type TcpBatchSummary } from './tcp-summary.js';

export interface TcpResults {
  /** Tuples asked for per throughput run (each run rounds up to whole batches). */
  readonly tuples: number;
  readonly rounds: number;
  readonly runs: readonly TcpThroughputRun[];
  readonly summaries: readonly TcpBatchSummary[];
  /** Gale's best median throughput, which paces the latency runs. */
  readonly maxGale: { readonly perSec: number; readonly batch: number } | undefined;
  readonly latency: readonly TcpLatencyRun[];
  /** Why the latency runs did not happen, when they did not. */
  readonly latencySkipped: string | undefined;
}

function describeThroughput(run: TcpThroughputRun): string {
  const head = `tcp round ${run.round} ${run.impl.padEnd(5)} batch ${String(run.batch).padEnd(4)}`;
  if (run.outcome.kind === 'failed') return `${head} FAILED: ${run.outcome.error.split('\n')[0]}`;
  const r = run.outcome.value;
  if (!r.correct) return `${head} WRONG (received ${r.received.tuples} of ${r.sent.tuples} tuples)`;
  return `${head} ${formatRate(r.tuplesPerSec)} tuples/s, ${r.wallMs.toFixed(0)} ms`;
}

function describeLatency(run: TcpLatencyRun): string {
  const head = `tcp latency round ${run.round} ${run.impl.padEnd(5)} (${formatRate(run.targetPerSec)} tuples/s)`;
  if (run.outcome.kind === 'failed') return `${head} FAILED: ${run.outcome.error.split('\n')[0]}`;
  const { fromSend, achievedPerSec, correct } = run.outcome.value;
  return `${head}${correct ? '' : ' WRONG'} achieved ${formatRate(achievedPerSec)}/s, send to handler p50 ${formatMs(fromSend.p50Ms)}, p99 ${formatMs(fromSend.p99Ms)}, p99.9 ${formatMs(fromSend.p999Ms)}`;
}

/** Undefined when `--tcp-tuples 0` skips the TCP measurements. */
export async function measureTcp(options: BenchOptions): Promise<TcpResults | undefined> {
  if (options.tcpTuples === 0) return undefined;
  const runs = await runTcpThroughput(options.tcpTuples, options.rounds, (run) =>
    console.error(describeThroughput(run)),
  );
  const summaries = summarizeTcp(runs, TCP_BATCH_SIZES);
  const maxGale = bestGale(summaries);
  let latency: TcpLatencyRun[] = [];
  let latencySkipped: string | undefined;
  if (options.latencySecs === 0) latencySkipped = '--latency-secs 0';
  else if (maxGale === undefined)
    latencySkipped = 'no correct Gale throughput run to take the maximum rate from';
  else {
    const target = Math.round(TCP_LATENCY_LOAD * maxGale.perSec);
    const rounds = Math.min(options.rounds, TCP_LATENCY_MAX_ROUNDS);
    latency = await runTcpLatency(target, options.latencySecs, rounds, (run) =>
      console.error(describeLatency(run)),
    );
  }
  return {
    tuples: options.tcpTuples,
    rounds: options.rounds,
    runs,
    summaries,
    maxGale,
    latency,
    latencySkipped,
  };
}

/** Whether any TCP run failed or miscounted (the bench then exits 1). */
export function tcpFailed(results: TcpResults): boolean {
  const bad = (outcome: TcpThroughputRun['outcome'] | TcpLatencyRun['outcome']): boolean =>
    outcome.kind === 'failed' || !outcome.value.correct;
  return results.runs.some((run) => bad(run.outcome)) || results.latency.some((run) => bad(run.outcome));
}
