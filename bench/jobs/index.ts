/**
 * Job registry: id → lazy module loader. Adding a job is one line here. Modules are imported only
 * in the child process that runs them, so no job pays for another job's imports (RxJS, the engine)
 * in its memory or startup.
 */
import type { BenchJob } from './bench-job.js';

export type { BenchJob } from './bench-job.js';

type JobLoader = () => Promise<{ readonly job: BenchJob }>;

export const JOBS = {
  'a-loop': () => import('./hand-loop.js'),
  'b-streams-word': () => import('./node-streams.js'),
  'c-rxjs-groupby': () => import('./rxjs-groupby.js'),
  'c2-rxjs-reduce': () => import('./rxjs-reduce.js'),
  'g-gale': () => import('./gale-word-count.js'),
  'g0-gale-no-metrics': () => import('./gale-no-metrics-word-count.js'),
  'gm-gale-metrics-ui': () => import('./gale-metrics-ui-word-count.js'),
  'ga-gale-acked': () => import('./gale-acked-word-count.js'),
  'gt-gale-threads': () => import('./gale-threads-word-count.js'),
  // The multilang phase's jobs (multilang/multilang-phase.ts), not in the rounds unless named.
  'mpp-pipe-python': async () => ({ job: (await import('./pipe-word-count.js')).pythonJob }),
  'mpn-pipe-node': async () => ({ job: (await import('./pipe-word-count.js')).nodeJob }),
  'mpr-pipe-ruby': async () => ({ job: (await import('./pipe-word-count.js')).rubyJob }),
  'msp-shell-python': async () => ({ job: (await import('./gale-shell-word-count.js')).pythonJob }),
  'msn-shell-node': async () => ({ job: (await import('./gale-shell-word-count.js')).nodeJob }),
  'msr-shell-ruby': async () => ({ job: (await import('./gale-shell-word-count.js')).rubyJob }),
} as const satisfies Record<string, JobLoader>;

export type JobId = keyof typeof JOBS;

/** The job every ratio is taken against. */
export const REFERENCE_JOB: JobId = 'a-loop';

/**
 * Jobs also compared with a second job, their baseline, when both run: the acked Gale job against
 * the same topology with acking off (the acked/unacked ratio), and Gale on 2 worker threads
 * against Gale on one.
 */
export const BASELINES: Readonly<Partial<Record<JobId, JobId>>> = {
  'ga-gale-acked': 'g-gale',
  'gt-gale-threads': 'g-gale',
  'gm-gale-metrics-ui': 'g0-gale-no-metrics',
};

/** The acked Gale job, whose throughput paces the latency phase. */
export const ACKED_JOB: JobId = 'ga-gale-acked';

export const JOB_IDS: readonly JobId[] = Object.keys(JOBS).filter(isJobId);

/** Jobs of the multilang phase: slow (a subprocess per word), so they run on fewer sentences there. */
const MULTILANG_JOBS: readonly JobId[] = JOB_IDS.filter((id) => /^m[ps][pnr]-/.test(id));

/** The jobs the rounds run when `--jobs` does not say. */
export const ROUND_JOB_IDS: readonly JobId[] = JOB_IDS.filter((id) => !MULTILANG_JOBS.includes(id));

export function isJobId(value: string): value is JobId {
  return Object.hasOwn(JOBS, value);
}

/** Accepts a full id (`c2-rxjs-reduce`) or its short id, the part before the first `-` (`c2`). */
export function resolveJobId(value: string): JobId | undefined {
  if (isJobId(value)) return value;
  return JOB_IDS.find((id) => id.split('-')[0] === value);
}

export async function loadJob(id: JobId): Promise<BenchJob> {
  const loader: JobLoader = JOBS[id];
  return (await loader()).job;
}
