/**
 * The TCP phase of `npm run bench`, parent side: the throughput runs (every implementation and
 * batch size once per round, rounds interleaved, each run in fresh sender and receiver processes),
 * then the latency runs paced at a fraction of Gale's best median throughput.
 */
import { parseTopologyConfig } from '../../src/api/config.js';
import { benchScript, spawnChild, type ChildOutcome } from '../spawn-child.js';
import { TCP_IMPLS, type TcpImpl } from './endpoints.js';
import {
  TcpLatencyResultSchema,
  TcpThroughputResultSchema,
  type TcpLatencyResult,
  type TcpThroughputResult,
} from './tcp-result.js';

const THROUGHPUT_SCRIPT = benchScript('tcp/run-tcp-throughput.js');
const LATENCY_SCRIPT = benchScript('tcp/run-tcp-latency.js');

/** Tuples per batch of the throughput runs: peer-baselines.md's, and the runtime's default. */
export const TCP_BATCH_SIZES: readonly number[] = [1000, parseTopologyConfig({}).transferBatchSize];

/** Fraction of Gale's best median throughput the latency runs are paced at. */
export const TCP_LATENCY_LOAD = 0.5;

/** Most tuples per batch in the latency runs: the runtime's default `transferBatchSize`. */
export const TCP_LATENCY_MAX_BATCH = parseTopologyConfig({}).transferBatchSize;

/** At most this many latency rounds (one run of each implementation per round), however many `--rounds`. */
export const TCP_LATENCY_MAX_ROUNDS = 3;

/** Seconds each latency run sends before the measured part (same process, same schedule). */
export const TCP_LATENCY_WARMUP_SECS = 1;

export interface TcpThroughputRun {
  readonly impl: TcpImpl;
  readonly batch: number;
  /** 1-based. */
  readonly round: number;
  readonly outcome: ChildOutcome<TcpThroughputResult>;
}

export interface TcpLatencyRun {
  readonly impl: TcpImpl;
  /** 1-based. */
  readonly round: number;
  readonly targetPerSec: number;
  readonly outcome: ChildOutcome<TcpLatencyResult>;
}

/**
 * Runs every (batch size, implementation) once per round, the implementations in turn first (the
 * harness in odd rounds, Gale in even ones) so neither always follows the other; `onRun` hears
 * each run as it finishes.
 */
export async function runTcpThroughput(
  tuples: number,
  rounds: number,
  onRun: (run: TcpThroughputRun) => void,
): Promise<TcpThroughputRun[]> {
  const runs: TcpThroughputRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const batch of TCP_BATCH_SIZES) {
      const impls = round % 2 === 1 ? TCP_IMPLS : [...TCP_IMPLS].reverse();
      for (const impl of impls) {
        const args = [impl, String(batch), String(tuples)];
        const outcome = await spawnChild(THROUGHPUT_SCRIPT, args, TcpThroughputResultSchema);
        const run = { impl, batch, round, outcome };
        onRun(run);
        runs.push(run);
      }
    }
  }
  return runs;
}

/**
 * Gale and the plain harness at the same rate, each run in fresh processes, `rounds` times (Gale
 * first in odd rounds, the harness in even ones).
 */
export async function runTcpLatency(
  targetPerSec: number,
  secs: number,
  rounds: number,
  onRun: (run: TcpLatencyRun) => void,
): Promise<TcpLatencyRun[]> {
  const runs: TcpLatencyRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const impl of round % 2 === 1 ? (['gale', 'plain'] as const) : (['plain', 'gale'] as const)) {
      const args = [
        impl,
        String(targetPerSec),
        String(secs),
        String(TCP_LATENCY_WARMUP_SECS),
        String(TCP_LATENCY_MAX_BATCH),
      ];
      const run = {
        impl,
        round,
        targetPerSec,
        outcome: await spawnChild(LATENCY_SCRIPT, args, TcpLatencyResultSchema),
      };
      onRun(run);
      runs.push(run);
    }
  }
  return runs;
}
