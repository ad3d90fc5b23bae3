/**
 * The `TaskLogger` of one task (`context.log`): the user's message-first calls onto the runtime's
 * fields-first logger, already bound to the task's topology, worker, host, component and task.
 */
import type { LogFields, TaskLogger, TaskLogLevel } from '../../api/task-logger.js';
import type { Logger } from './logger.js';

const NO_FIELDS: Record<string, unknown> = Object.freeze({});

/** `TaskLogger` over the runtime's `Logger`; see the file's comment. */
export class TaskLoggerImpl implements TaskLogger {
  readonly #log: Logger;

  /** `log` must carry the task's bindings (see `childLogger`). */
  constructor(log: Logger) {
    this.#log = log;
  }

  debug(message: string, fields?: LogFields): void {
    this.#log.debug(fields ?? NO_FIELDS, message);
  }

  info(message: string, fields?: LogFields): void {
    this.#log.info(fields ?? NO_FIELDS, message);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log.warn(fields ?? NO_FIELDS, message);
  }

  error(message: string, fields?: LogFields): void {
    this.#log.error(fields ?? NO_FIELDS, message);
  }

  isLevelEnabled(level: TaskLogLevel): boolean {
    return this.#log.isLevelEnabled?.(level) ?? true;
  }
}
