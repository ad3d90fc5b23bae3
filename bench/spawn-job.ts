/** Runs one (job, round) in a fresh `node` process and classifies what came back. */
import { JobResultSchema, type JobResult } from './job-result.js';
import type { JobId } from './jobs/index.js';
import { benchScript, spawnChild } from './spawn-child.js';

const CHILD_SCRIPT = benchScript('run-job.js');

export type RunOutcome =
  | { readonly kind: 'ok'; readonly result: JobResult }
  /** The job finished but its counts did not match the oracle: excluded from the statistics. */
  | { readonly kind: 'wrong'; readonly result: JobResult }
  | { readonly kind: 'failed'; readonly error: string };

export async function spawnJob(id: JobId, sentences: number): Promise<RunOutcome> {
  const outcome = await spawnChild(CHILD_SCRIPT, [id, String(sentences)], JobResultSchema);
  if (outcome.kind === 'failed') return outcome;
  return { kind: outcome.value.correct ? 'ok' : 'wrong', result: outcome.value };
}
