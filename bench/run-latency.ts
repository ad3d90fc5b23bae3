/**
 * Child process entry of the latency phase:
 * `node --expose-gc dist/bench/run-latency.js <sentences-per-sec> <secs> <warmup-secs>`.
 *
 * Runs the acked word-count topology (ACKED_CONFIG) with a {@link PacedSpout} at the given rate: first
 * a warm-up topology for `warmup-secs` (so the JIT has compiled the pipeline), then, in the same
 * process, a fresh topology for `secs`, whose spout task's stats therefore cover the measured run
 * only. The run ends once every sentence is acked; a `fail` makes the process exit 1. Prints one
 * JSON line (LatencyResult) on stdout.
 */
import { performance } from 'node:perf_hooks';
import type { TopologyConfigInput } from '../src/api/index.js';
import { LocalCluster } from '../src/local/index.js';
import { silentLogger, type LatencySummary } from '../src/runtime/index.js';
import { ACKED_CONFIG } from './acked-config.js';
import { generateCorpus } from './corpus.js';
import type { LatencyResult } from './latency-result.js';
import { PacedSpout } from './paced-spout.js';
import type { AckOutcome } from './word-count-components.js';
import { SPOUT_ID, wordCountTopology } from './word-count-topology.js';

/** Sentences the paced spout cycles over (their content does not matter, their mix of lengths does). */
const CORPUS_SENTENCES = 200_000;

/** An idle paced spout is polled again within 1 ms, so a due sentence waits at most about that long. */
const LATENCY_CONFIG: TopologyConfigInput = { ...ACKED_CONFIG, spoutIdleBackoffMaxMs: 1 };

interface PacedRun {
  readonly spout: PacedSpout;
  readonly complete: LatencySummary | null;
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function runPaced(
  name: string,
  sentences: readonly string[],
  perSec: number,
  secs: number,
): Promise<PacedRun> {
  const count = Math.max(2, Math.round(perSec * secs));
  let outcome!: AckOutcome;
  const allAcked = new Promise<void>((resolve, reject) => (outcome = { resolve, reject }));
  const spout = new PacedSpout(sentences, perSec, count, outcome);
  const cluster = new LocalCluster({ logger: silentLogger });
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await cluster.submitTopology(
    name,
    wordCountTopology(() => spout, LATENCY_CONFIG),
  );
  let run: PacedRun;
  try {
    await allAcked;
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    const task = cluster.getTopology(name).tasks.find((t) => t.component === SPOUT_ID);
    run = { spout, complete: task?.completeLatency ?? null, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await cluster.killTopology(name);
    await cluster.close();
  }
  return run;
}

function positive(raw: string | undefined): number {
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : NaN;
}

async function main(argv: readonly string[]): Promise<void> {
  const [perSec, secs, warmupSecs] = [positive(argv[0]), positive(argv[1]), Number(argv[2])];
  if (Number.isNaN(perSec) || Number.isNaN(secs) || !(warmupSecs >= 0)) {
    throw new Error(`usage: run-latency.js <sentences-per-sec> <secs> <warmup-secs>, got ${argv.join(' ')}`);
  }
  const { sentences } = generateCorpus(CORPUS_SENTENCES);
  if (warmupSecs > 0) await runPaced('warmup', sentences, perSec, warmupSecs);
  globalThis.gc?.();
  const run = await runPaced('latency', sentences, perSec, secs);
  if (run.complete === null) throw new Error('the spout task recorded no complete latency');
  const result: LatencyResult = {
    targetPerSec: perSec,
    achievedPerSec: run.spout.achievedPerSec,
    sentences: run.spout.acked,
    measuredSecs: run.wallMs / 1000,
    cpuShare: run.cpuMs / run.wallMs,
    complete: run.complete,
    fromEmit: run.spout.fromEmit.summary(),
    fromDue: run.spout.fromDue.summary(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a topology may leave timers behind after its result is complete.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
