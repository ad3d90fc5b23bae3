/**
 * Runs one bench script in a fresh `node --expose-gc` process and reads its result: the last line of
 * its stdout, as JSON, checked against a schema shared with the child. Every measurement of the bench
 * (a job's round, a latency level, the memory count) runs this way, so no measurement inherits the JIT
 * state, heap or GC debt of another.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { z } from 'zod';

const execFileAsync = promisify(execFile);
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

export type ChildOutcome<T> =
  { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'failed'; readonly error: string };

/** The path of a compiled bench script next to this module, e.g. `run-job.js`. */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

function lastLine(text: string): string {
  // The result is the last line, so a child that logs to stdout does not break the protocol.
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

export async function spawnChild<T>(
  script: string,
  args: readonly string[],
  schema: z.ZodType<T>,
): Promise<ChildOutcome<T>> {
  let stdout: string;
  try {
    // --expose-gc lets the child collect its setup garbage (corpus generation) before it measures.
    ({ stdout } = await execFileAsync(process.execPath, ['--expose-gc', script, ...args], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: CHILD_TIMEOUT_MS,
    }));
  } catch (error: unknown) {
    return { kind: 'failed', error: describeFailure(error) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(lastLine(stdout));
  } catch {
    return { kind: 'failed', error: `no JSON result on stdout: ${lastLine(stdout).slice(0, 200)}` };
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) return { kind: 'failed', error: `malformed result: ${checked.error.message}` };
  return { kind: 'ok', value: checked.data };
}
