/**
 * The acking measurements that follow the throughput rounds when the acked job ran: the latency
 * phase (paced at the acked job's median throughput) and the memory per pending root, each in fresh
 * child processes.
 */
import type { AckingResults } from './acking-report.js';
import type { BenchOptions } from './bench-options.js';
import { formatMs, formatRate } from './format.js';
import { ACKED_JOB } from './jobs/index.js';
import { runLatencyPhase, type LatencyRun } from './latency-phase.js';
import { PendingMemoryResultSchema } from './pending-memory-result.js';
import { benchScript, spawnChild } from './spawn-child.js';
import type { JobSummary } from './summary.js';

const MEMORY_SCRIPT = benchScript('pending-memory.js');
const MEMORY_ROOTS = 1_000_000;

function describeRun(run: LatencyRun): string {
  const head = `latency ${(run.load * 100).toFixed(0)}% (${formatRate(run.targetPerSec)} sentences/s)`;
  if (run.outcome.kind === 'failed') return `${head} FAILED: ${run.outcome.error.split('\n')[0]}`;
  const { complete, achievedPerSec } = run.outcome.value;
  return `${head} achieved ${formatRate(achievedPerSec)}/s, p50 ${formatMs(complete.p50Ms)}, p99 ${formatMs(complete.p99Ms)}, p99.9 ${formatMs(complete.p999Ms)}`;
}

/** Undefined when the acked job was not among the jobs. Progress lines go to stderr. */
export async function measureAcking(
  options: BenchOptions,
  summaries: readonly JobSummary[],
): Promise<AckingResults | undefined> {
  const acked = summaries.find((s) => s.job === ACKED_JOB);
  if (acked === undefined) return undefined;
  const maxPerSec = acked.sentencesPerSec?.median;
  let latency: LatencyRun[] = [];
  let latencySkipped: string | undefined;
  if (options.latencySecs === 0) {
    latencySkipped = '--latency-secs 0';
  } else if (maxPerSec === undefined) {
    latencySkipped = `no correct ${ACKED_JOB} run to take the maximum rate from`;
  } else {
    latency = await runLatencyPhase(maxPerSec, options.latencySecs, (run) => console.error(describeRun(run)));
  }
  const memory = await spawnChild(MEMORY_SCRIPT, [String(MEMORY_ROOTS)], PendingMemoryResultSchema);
  console.error(
    memory.kind === 'ok'
      ? `memory per pending root: spout ${memory.value.spoutBytesPerRoot.toFixed(0)} B, acker ${memory.value.ackerBytesPerRoot.toFixed(0)} B`
      : `memory per pending root FAILED: ${memory.error.split('\n')[0]}`,
  );
  return { acked, latency, latencySkipped, memory };
}
