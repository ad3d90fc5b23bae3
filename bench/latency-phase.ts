/**
 * The latency phase of `npm run bench`, run after the throughput rounds: the acked word count paced
 * at fixed fractions of the acked job's measured throughput (median sentences/s), one fresh child
 * process (`run-latency.ts`) per level, reporting complete latency and the rate achieved.
 */
import { LatencyResultSchema, type LatencyResult } from './latency-result.js';
import { benchScript, spawnChild, type ChildOutcome } from './spawn-child.js';

const CHILD_SCRIPT = benchScript('run-latency.js');

/** Fractions of the acked job's median throughput the spout is paced at. */
export const LOADS: readonly number[] = [0.5, 0.9];

/** Seconds each level runs a warm-up topology before the measured one (same process). */
export const WARMUP_SECS = 1;

/** One load level and what its child reported. */
export interface LatencyRun {
  /** Fraction of the maximum (acked) throughput. */
  readonly load: number;
  readonly targetPerSec: number;
  readonly outcome: ChildOutcome<LatencyResult>;
}

/** Runs every load level in turn; `onRun` hears each as it finishes (for progress lines). */
export async function runLatencyPhase(
  maxSentencesPerSec: number,
  secs: number,
  onRun: (run: LatencyRun) => void,
): Promise<LatencyRun[]> {
  const runs: LatencyRun[] = [];
  for (const load of LOADS) {
    const targetPerSec = Math.round(load * maxSentencesPerSec);
    const args = [String(targetPerSec), String(secs), String(WARMUP_SECS)];
    const run = { load, targetPerSec, outcome: await spawnChild(CHILD_SCRIPT, args, LatencyResultSchema) };
    onRun(run);
    runs.push(run);
  }
  return runs;
}
