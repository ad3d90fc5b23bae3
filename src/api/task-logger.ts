/**
 * `TaskLogger`: the log of one task, given to its component as `context.log`.
 *
 * @module
 */

/** The levels of a {@link TaskLogger}, least to most severe. */
export const TASK_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One of {@link TASK_LOG_LEVELS}. */
export type TaskLogLevel = (typeof TASK_LOG_LEVELS)[number];

/**
 * Structured fields of a log line, written as keys of its JSON object. Values should be
 * JSON-serialisable; an `err` holding an `Error` is written with its type, message and stack.
 * The keys `topology`, `component`, `task`, `worker` and `host` are Gale's: do not use them.
 */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * A logger bound to one task. Each call writes one line, a JSON object (pretty-printed when the
 * output is a terminal) with the level, the time, the message, the given fields, and where it
 * comes from: `topology`, `component`, `task`, `worker` and `host`. In cluster mode the lines
 * land in the worker's log file on its machine, and `gale logs <topology> --component <id>`
 * shows them; in local mode they go to stderr with Gale's own.
 *
 * Lines below the worker's level (`--log-level` of `gale run`; `info` for cluster workers) are
 * dropped cheaply. Keep the message a short constant and put what varies in `fields`, so that
 * lines can be searched by field. Do not log per tuple at `info` or above: on the hot path, check
 * {@link TaskLogger.isLevelEnabled} before building costly fields.
 *
 * @example
 * ```ts
 * class Audit extends BaseBasicBolt<{ word: string }> {
 *   override prepare(context: TopologyContext): void {
 *     super.prepare(context);
 *     context.log.info('audit ready', { tasks: context.getComponentTasks('audit').length });
 *   }
 *   execute(t: Tuple<{ word: string }>): void {
 *     if (t.get('word') === '') this.context.log.warn('empty word', { from: t.sourceComponent });
 *     if (this.context.log.isLevelEnabled('debug')) this.context.log.debug('word', { word: t.get('word') });
 *   }
 * }
 * ```
 */
export interface TaskLogger {
  /** Writes `message` at level `debug`, with `fields`. */
  debug(message: string, fields?: LogFields): void;
  /** Writes `message` at level `info`, with `fields`. */
  info(message: string, fields?: LogFields): void;
  /** Writes `message` at level `warn`, with `fields`. */
  warn(message: string, fields?: LogFields): void;
  /** Writes `message` at level `error`, with `fields`. */
  error(message: string, fields?: LogFields): void;
  /** Whether lines at `level` are written; false means calls at that level do nothing. */
  isLevelEnabled(level: TaskLogLevel): boolean;
}
