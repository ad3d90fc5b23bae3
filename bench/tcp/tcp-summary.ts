/**
 * One summary per batch size of the TCP throughput runs: each implementation's tuples/s, and
 * Gale's over the plain harness's taken per round (both ran back to back in that round), then
 * the median, so a burst of outside load during one round affects both sides of its ratio.
 */
import { spread, type Spread } from '../stats.js';
import type { TcpImpl } from './endpoints.js';
import type { TcpThroughputRun } from './tcp-phase.js';
import type { TcpThroughputResult } from './tcp-result.js';

export interface TcpImplSummary {
  readonly runs: number;
  readonly correct: number;
  /** Finished, but the receiver's checksum did not match the sender's. */
  readonly wrong: number;
  readonly failed: number;
  readonly tuplesPerSec: Spread | undefined;
  /** Tuples per CPU-second of sender and receiver together. */
  readonly tuplesPerCpuSec: Spread | undefined;
  readonly bytesPerTuple: number | undefined;
  readonly senderCpuShare: Spread | undefined;
  readonly receiverCpuShare: Spread | undefined;
}

export interface TcpBatchSummary {
  readonly batch: number;
  readonly plain: TcpImplSummary;
  readonly gale: TcpImplSummary;
  /** Gale tuples/s / plain tuples/s, per round. */
  readonly ratio: Spread | undefined;
  /** The same with tuples per CPU-second (both processes). */
  readonly ratioCpu: Spread | undefined;
}

function okResult(run: TcpThroughputRun | undefined): TcpThroughputResult | undefined {
  return run?.outcome.kind === 'ok' && run.outcome.value.correct ? run.outcome.value : undefined;
}

function implSummary(runs: readonly TcpThroughputRun[]): TcpImplSummary {
  const ok = runs.flatMap((run) => okResult(run) ?? []);
  return {
    runs: runs.length,
    correct: ok.length,
    wrong: runs.filter((run) => run.outcome.kind === 'ok' && !run.outcome.value.correct).length,
    failed: runs.filter((run) => run.outcome.kind === 'failed').length,
    tuplesPerSec: spread(ok.map((r) => r.tuplesPerSec)),
    tuplesPerCpuSec: spread(ok.map((r) => r.tuplesPerCpuSec)),
    bytesPerTuple: ok[0]?.bytesPerTuple,
    senderCpuShare: spread(ok.map((r) => r.senderCpuShare)),
    receiverCpuShare: spread(ok.map((r) => r.receiverCpuShare)),
  };
}

export function summarizeTcp(
  runs: readonly TcpThroughputRun[],
  batches: readonly number[],
): TcpBatchSummary[] {
  return batches.map((batch) => {
    const of = (impl: TcpImpl): TcpThroughputRun[] =>
      runs.filter((r) => r.batch === batch && r.impl === impl);
    const plain = of('plain');
    const gale = of('gale');
    const ratios = (metric: (r: TcpThroughputResult) => number): number[] =>
      gale.flatMap((g) => {
        const mine = okResult(g);
        const ref = okResult(plain.find((p) => p.round === g.round));
        return mine === undefined || ref === undefined ? [] : [metric(mine) / metric(ref)];
      });
    return {
      batch,
      plain: implSummary(plain),
      gale: implSummary(gale),
      ratio: spread(ratios((r) => r.tuplesPerSec)),
      ratioCpu: spread(ratios((r) => r.tuplesPerCpuSec)),
    };
  });
}

/** The 1-minute load average at the start of every correct run, over all runs. */
export function loadSpread(runs: readonly TcpThroughputRun[]): Spread | undefined {
  return spread(runs.flatMap((run) => okResult(run)?.loadAvg1m ?? []));
}

/** Gale's best median tuples/s over the batch sizes, and at which size. */
export function bestGale(
  summaries: readonly TcpBatchSummary[],
): { perSec: number; batch: number } | undefined {
  let best: { perSec: number; batch: number } | undefined;
  for (const s of summaries) {
    const median = s.gale.tuplesPerSec?.median;
    if (median !== undefined && (best === undefined || median > best.perSec))
      best = { perSec: median, batch: s.batch };
  }
  return best;
}
