/** Runs one (job, round) in a fresh `node` process and classifies what came back. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { JobResultSchema, type JobResult } from './job-result.js';
import type { JobId } from './jobs/index.js';

const execFileAsync = promisify(execFile);
const CHILD_SCRIPT = fileURLToPath(new URL('./run-job.js', import.meta.url));
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

export type RunOutcome =
  | { readonly kind: 'ok'; readonly result: JobResult }
  /** The job finished but its counts did not match the oracle: excluded from the statistics. */
  | { readonly kind: 'wrong'; readonly result: JobResult }
  | { readonly kind: 'failed'; readonly error: string };

function lastLine(text: string): string {
  // The result is the last line, so a job that logs to stdout does not break the protocol.
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.at(-1) ?? '';
}

/** The child's own error (first stderr line) rather than execFile's "Command failed: node ...". */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const stderr = 'stderr' in error && typeof error.stderr === 'string' ? error.stderr : '';
  const firstLine = stderr.split('\n').find((line) => line.trim() !== '');
  const signal = 'signal' in error && typeof error.signal === 'string' ? ` (killed by ${error.signal})` : '';
  return `${firstLine ?? error.message.split('\n')[0] ?? 'unknown error'}${signal}`;
}

export async function spawnJob(id: JobId, sentences: number): Promise<RunOutcome> {
  let stdout: string;
  try {
    // --expose-gc lets the child collect the corpus generator's garbage before the timed run.
    ({ stdout } = await execFileAsync(
      process.execPath,
      ['--expose-gc', CHILD_SCRIPT, id, String(sentences)],
      {
        maxBuffer: 64 * 1024 * 1024,
        timeout: CHILD_TIMEOUT_MS,
      },
    ));
  } catch (error: unknown) {
    return { kind: 'failed', error: describeFailure(error) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(lastLine(stdout));
  } catch {
    return { kind: 'failed', error: `no JSON result on stdout: ${lastLine(stdout).slice(0, 200)}` };
  }
  const checked = JobResultSchema.safeParse(parsed);
  if (!checked.success) return { kind: 'failed', error: `malformed result: ${checked.error.message}` };
  return { kind: checked.data.correct ? 'ok' : 'wrong', result: checked.data };
}
