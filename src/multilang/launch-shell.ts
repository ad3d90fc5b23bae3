/**
 * Starts the subprocess of a shell component's task (bolt or spout alike): the process, its
 * handshake, and the log line once it is up. `onReady` gets the pid; `onFailure` gets the error
 * of a failed start or of a failure later.
 */
import type { ShellSpec } from '../api/shell-component.js';
import type { TopologyContext } from '../api/topology-context.js';
import type { Logger } from '../runtime/index.js';
import { ShellProcess } from './shell-process.js';
import { setupFor } from './shell-setup.js';

export interface ShellHandlers {
  readonly onMessage: (message: Record<string, unknown>) => void;
  readonly onChunkEnd: () => void;
  readonly onReady: (pid: number) => void;
  readonly onFailure: (err: Error) => void;
}

export function launchShell(
  spec: ShellSpec,
  context: TopologyContext,
  logger: Logger,
  timeoutMs: number,
  handlers: ShellHandlers,
): ShellProcess {
  const p = new ShellProcess({
    command: spec.command,
    cwd: spec.options.cwd,
    env: spec.options.env,
    component: context.thisComponentId,
    taskId: context.thisTaskId,
    logger,
    onMessage: handlers.onMessage,
    onChunkEnd: handlers.onChunkEnd,
    onFailure: handlers.onFailure,
  });
  p.start(setupFor(context), timeoutMs).then(
    (pid) => {
      logger.info(
        { component: context.thisComponentId, task: context.thisTaskId, pid },
        'launched subprocess',
      );
      handlers.onReady(pid);
    },
    (err: unknown) => handlers.onFailure(err instanceof Error ? err : new Error(String(err))),
  );
  return p;
}
