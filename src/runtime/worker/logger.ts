/**
 * The narrow logging interface the runtime needs (STYLE.md H13, H19): structured fields first,
 * a short constant message second. pino's `Logger` satisfies it.
 *
 * Loggers are bound, as pino's child loggers: the owner of a worker binds `topology`, `worker` and
 * `host` once, the runtime binds `component` and `task` for each task, so call sites pass only
 * what is particular to the line and every line still says where it comes from.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A logger whose every line carries `bindings` too (pino's `child`). See {@link childLogger}. */
  child?(bindings: Record<string, unknown>): Logger;
  /** Whether lines at `level` are written (pino's `isLevelEnabled`); taken as yes when missing. */
  isLevelEnabled?(level: string): boolean;
}

/**
 * Discards everything. Plain methods only (no `child`): tests spread it and override one method,
 * and loggers bound from theirs must keep calling it.
 */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Adds bindings to a logger that has no `child` of its own (a user's, or a test's). */
class BoundLogger implements Logger {
  readonly #inner: Logger;
  readonly #bindings: Record<string, unknown>;

  constructor(inner: Logger, bindings: Record<string, unknown>) {
    this.#inner = inner;
    this.#bindings = bindings;
  }

  debug(fields: Record<string, unknown>, message: string): void {
    this.#inner.debug({ ...this.#bindings, ...fields }, message);
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.#inner.info({ ...this.#bindings, ...fields }, message);
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.#inner.warn({ ...this.#bindings, ...fields }, message);
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.#inner.error({ ...this.#bindings, ...fields }, message);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new BoundLogger(this.#inner, { ...this.#bindings, ...bindings });
  }
  isLevelEnabled(level: string): boolean {
    return this.#inner.isLevelEnabled?.(level) ?? true;
  }
}

/**
 * `logger` with `bindings` on every line: its own `child` when it has one (pino), otherwise a
 * wrapper that adds them to each line's fields.
 */
export function childLogger(logger: Logger, bindings: Record<string, unknown>): Logger {
  return logger.child === undefined ? new BoundLogger(logger, bindings) : logger.child(bindings);
}
