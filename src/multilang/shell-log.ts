/**
 * The `log` and `error` commands of a subprocess: a log line at its level (0 trace .. 4 error,
 * INFO when missing or out of range) with the component's context; an error reported as the
 * component's ("Shell Process Exception: ..."), which is not fatal.
 */
import type { ErrorReporter } from '../api/output-collector.js';
import type { TopologyContext } from '../api/topology-context.js';
import type { Logger } from '../runtime/index.js';

export function logShellMessage(
  command: 'log' | 'error',
  m: Record<string, unknown>,
  context: TopologyContext,
  logger: Logger,
  collector: ErrorReporter,
  protocolError: (why: string) => void,
): void {
  const msg = m['msg'];
  if (typeof msg !== 'string') {
    protocolError(`sent ${command} without a "msg" string: ${JSON.stringify(m).slice(0, 200)}`);
    return;
  }
  if (command === 'error') {
    collector.reportError(new Error(`Shell Process Exception: ${msg}`));
    return;
  }
  const level = typeof m['level'] === 'number' ? m['level'] : 2;
  const fields = { component: context.thisComponentId, task: context.thisTaskId, shell: true };
  if (level <= 1) logger.debug(fields, msg);
  else if (level === 3) logger.warn(fields, msg);
  else if (level === 4) logger.error(fields, msg);
  else logger.info(fields, msg);
}
