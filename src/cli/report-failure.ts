/**
 * How `gale` reports an error that ends a command: what to print on stderr and the exit code.
 *
 * - 2 for mistakes in what the user gave: a {@link UsageError}, an invalid topology or config
 *   (every problem listed). No stack trace: the message says what to fix.
 * - 1 for a component that failed to start and for any other Gale error, message only.
 * - 1 with the stack for anything else: that is a bug, and the stack is what finds it.
 *
 * Gale errors are recognised by their `code`, not by class: a topology module may have loaded
 * its own copy of `gale`, whose classes are not ours.
 */
import { ERROR_CODES, type ErrorCode } from '../api/index.js';
import { USAGE_EXIT_CODE, UsageError } from './usage-error.js';

export interface Failure {
  readonly exitCode: number;
  /** What to write on stderr, ending with a newline. */
  readonly text: string;
}

const USER_INPUT_CODES: ReadonlySet<ErrorCode> = new Set([
  'TOPOLOGY_INVALID',
  'CONFIG_INVALID',
  'ACTION_INVALID',
]);

/** The `code` of a Gale error from any copy of the api, or `undefined`. */
export function galeErrorCode(err: unknown): ErrorCode | undefined {
  if (!(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return undefined;
  const code = err.code;
  return ERROR_CODES.find((c) => c === code);
}

export function reportFailure(err: unknown): Failure {
  if (err instanceof UsageError) return { exitCode: err.exitCode, text: `gale: ${err.message}\n` };
  const code = galeErrorCode(err);
  if (err instanceof Error && code !== undefined) {
    return { exitCode: USER_INPUT_CODES.has(code) ? USAGE_EXIT_CODE : 1, text: `gale: ${err.message}\n` };
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { exitCode: 1, text: `gale: internal error: ${detail}\n` };
}
