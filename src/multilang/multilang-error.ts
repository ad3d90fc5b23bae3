/**
 * What a shell component's subprocess did wrong (or what happened to it), with the component,
 * task and process named: reported as the component's error, never thrown out of a worker.
 */
import { GaleError } from '../api/errors.js';

export interface ShellWho {
  readonly component: string;
  readonly taskId: number;
  readonly command: readonly string[];
  readonly pid: number | null;
}

/** A `GaleError` with code `SUBPROCESS_FAILED` saying who failed and how. */
export function subprocessError(who: ShellWho, what: string, stderrTail = ''): GaleError {
  const tail = stderrTail.trim();
  return new GaleError(
    'SUBPROCESS_FAILED',
    `${who.component} task ${who.taskId} (${who.command.join(' ')}, pid ${who.pid ?? 'none'}): ${what}${tail === '' ? '' : `; its last stderr: ${tail}`}`,
    { details: { component: who.component, taskId: who.taskId } },
  );
}
