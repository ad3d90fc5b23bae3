/** Command-line flags of `npm run bench -- [flags]`, parsed and validated once. */
import { parseArgs } from 'node:util';
import { ACKED_JOB, JOB_IDS, REFERENCE_JOB, resolveJobId, ROUND_JOB_IDS, type JobId } from './jobs/index.js';

export interface BenchOptions {
  readonly sentences: number;
  readonly rounds: number;
  /** Jobs to run, in registry order; always includes the reference job, which every ratio needs. */
  readonly jobs: readonly JobId[];
  /** Where to write the Markdown report, or undefined for no report. */
  readonly out: string | undefined;
  /** Measured seconds per load level of the latency phase (and of the TCP latency runs); 0 skips them. */
  readonly latencySecs: number;
  /** Tuples per TCP throughput run; 0 skips the TCP measurements. */
  readonly tcpTuples: number;
  /** Rounds of the cluster phase (recovery and throughput); 0 skips it. */
  readonly clusterRounds: number;
  /** Sentences per cluster throughput run. */
  readonly clusterSentences: number;
  /** Pairs of runs (metrics off, metrics on) of the metrics-overhead phase; 0 skips it. */
  readonly metricsPairs: number;
  /** Rounds of the multilang phase; 0 skips it. */
  readonly multilangRounds: number;
  /** Sentences per run of the multilang phase. */
  readonly multilangSentences: number;
}

/** TCP throughput runs send at most this many tuples (a few seconds per run). */
const MAX_TCP_TUPLES = 10_000_000;
/** ... and by default 5 per corpus sentence, so a small corpus makes a quick run. */
const TCP_TUPLES_PER_SENTENCE = 5;

export const USAGE = `usage: node dist/bench/main.js [--sentences N] [--rounds R] [--jobs id,id] [--out FILE | --no-write]
                         [--latency-secs S] [--tcp-tuples N] [--cluster-rounds R] [--cluster-sentences N]
                         [--metrics-pairs P] [--multilang-rounds R] [--multilang-sentences N]
  --sentences N     corpus size in sentences (default 2000000, ~10 words each, as in peer-baselines.md)
  --rounds R        fresh processes per job, interleaved across jobs (default 5)
  --jobs LIST       comma-separated job ids or short ids (default all but the multilang phase's:
                    ${ROUND_JOB_IDS.join(', ')}); also ${JOB_IDS.filter((id) => !ROUND_JOB_IDS.includes(id)).join(', ')}
  --out FILE        report path (default docs/benchmarks.md in the repository)
  --no-write        print the tables only
  --latency-secs S  measured seconds per load level of the latency phase, each after a 1 s warm-up
                    (default 5; 0 skips the phase). The acking measurements (latency phase, memory
                    per pending root) run only when ${ACKED_JOB} is among the jobs. Also the measured
                    seconds of each TCP latency run.
  --tcp-tuples N    tuples per TCP throughput run, Gale's transport vs a plain socket harness (default
                    5 per sentence, at most 10000000; 0 skips the TCP measurements)
  --cluster-rounds R   rounds of the cluster phase: recovery from a worker, machine and nimbus loss,
                    and cluster vs local throughput, on real etcd and processes (default: --rounds;
                    0 skips it)
  --cluster-sentences N  sentences per cluster throughput run (default 200000)
  --metrics-pairs P  back-to-back pairs of runs, metrics off (g0) then on with a UI sampling and
                    /metrics scraped every second (gm), for the metrics overhead (default 2 x
                    --rounds; 0 skips it)
  --multilang-rounds R  rounds of the multilang phase: per language (Python, Node, Ruby when
                    installed) Gale's ShellBolt and a hand-written host on the same split subprocess
                    (default 3; 0 skips it)
  --multilang-sentences N  sentences per run of the multilang phase (default 20000)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name}: must be a positive integer, got ${raw}`);
  return value;
}

function nonNegative(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new Error(`--${name}: must be a number >= 0, got ${raw}`);
  return value;
}

function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0)
    throw new Error(`--${name}: must be an integer >= 0, got ${raw}`);
  return value;
}

function parseJobs(raw: string | undefined): JobId[] {
  if (raw === undefined) return [...ROUND_JOB_IDS];
  const wanted = new Set<JobId>([REFERENCE_JOB]);
  for (const name of raw.split(',').map((s) => s.trim())) {
    if (name === '') continue;
    const id = resolveJobId(name);
    if (id === undefined) throw new Error(`--jobs: unknown job '${name}', known: ${JOB_IDS.join(', ')}`);
    wanted.add(id);
  }
  return JOB_IDS.filter((id) => wanted.has(id));
}

/** Returns undefined when help was asked for. */
export function parseBenchOptions(argv: readonly string[], defaultOut: string): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sentences: { type: 'string' },
      rounds: { type: 'string' },
      jobs: { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
      'latency-secs': { type: 'string' },
      'tcp-tuples': { type: 'string' },
      'cluster-rounds': { type: 'string' },
      'cluster-sentences': { type: 'string' },
      'metrics-pairs': { type: 'string' },
      'multilang-rounds': { type: 'string' },
      'multilang-sentences': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return undefined;
  const sentences = positiveInt('sentences', values.sentences, 2_000_000);
  const tcpDefault = Math.min(MAX_TCP_TUPLES, sentences * TCP_TUPLES_PER_SENTENCE);
  const rounds = positiveInt('rounds', values.rounds, 5);
  return {
    sentences,
    rounds,
    jobs: parseJobs(values.jobs),
    out: values['no-write'] === true ? undefined : (values.out ?? defaultOut),
    latencySecs: nonNegative('latency-secs', values['latency-secs'], 5),
    tcpTuples: nonNegativeInt('tcp-tuples', values['tcp-tuples'], tcpDefault),
    clusterRounds: nonNegativeInt('cluster-rounds', values['cluster-rounds'], rounds),
    clusterSentences: positiveInt('cluster-sentences', values['cluster-sentences'], 200_000),
    metricsPairs: nonNegativeInt('metrics-pairs', values['metrics-pairs'], 2 * rounds),
    multilangRounds: nonNegativeInt('multilang-rounds', values['multilang-rounds'], 3),
    multilangSentences: positiveInt('multilang-sentences', values['multilang-sentences'], 20_000),
  };
}
