/**
 * Errors of the public API: one base class with a stable `code`, plus the errors users throw
 * on purpose to signal intent (STYLE.md H10).
 *
 * @module
 */

/** Who is at fault: the user's code or input, something outside Gale, or Gale itself. */
export type ErrorDomain = 'user' | 'external' | 'internal';

/** Stable error codes. Removed codes are never reused. */
export const ERROR_CODES = [
  'TOPOLOGY_INVALID',
  'CONFIG_INVALID',
  'UNKNOWN_STREAM',
  'UNKNOWN_FIELD',
  'VALUES_ARITY',
  'INVALID_DIRECT_TASK',
  'TOPOLOGY_EXISTS',
  'TOPOLOGY_NOT_FOUND',
  'CLUSTER_CLOSED',
  'COMPONENT_FAILED',
  'TUPLE_FAILED',
  'STREAM_KIND_MISMATCH',
  'INVALID_KEY',
  'INVALID_ANCHOR',
  'ANCHOR_FINISHED',
  'UNSERIALIZABLE_VALUE',
  'MALFORMED_FRAME',
  'PROTOCOL_MISMATCH',
  'NOT_LEADER',
  'STORE_UNAVAILABLE',
  'STORE_RECORD_INVALID',
  'BUNDLE_TOO_LARGE',
  'ACTION_INVALID',
  'SUBPROCESS_FAILED',
  'LOG_QUERY_INVALID',
  'LOGS_UNAVAILABLE',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Structured context attached to an error; every field is optional. */
export interface ErrorDetails {
  readonly component?: string;
  readonly stream?: string;
  readonly taskId?: number;
  readonly field?: string;
  readonly key?: string;
  readonly topology?: string;
}

/** Options of a {@link GaleError}. */
export interface GaleErrorOptions extends ErrorOptions {
  readonly domain?: ErrorDomain;
  readonly retryable?: boolean;
  readonly details?: ErrorDetails;
}

const BRAND = Symbol.for('gale.error');

/**
 * Base of every error Gale throws. `code` is stable and safe to switch on; `message` is for people.
 *
 * `instanceof` works across copies of Gale in one process (a topology module that resolved its own
 * copy of `gale`): errors carry a global brand, and a class matches a branded error by `name`.
 */
export class GaleError extends Error {
  /** The `name` of this class's errors; what `instanceof` compares across copies of Gale. */
  static readonly errorName: string = 'GaleError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !(BRAND in value) || !(value instanceof Error))
      return false;
    return this.errorName === GaleError.errorName || value.name === this.errorName;
  }

  readonly code: ErrorCode;
  readonly domain: ErrorDomain;
  readonly retryable: boolean;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: GaleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GaleError';
    this.code = code;
    this.domain = options.domain ?? 'user';
    this.retryable = options.retryable ?? false;
    this.details = Object.freeze({ ...options.details });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain, serialisable form of this error, for logs and for crossing a process boundary. */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** One problem found while validating a topology or a config, with the place it concerns. */
export interface Problem {
  /** Where: a component id, `component.stream`, or a config key path such as `topology.workers`. */
  readonly path: string;
  /** What is wrong, as a sentence fragment. */
  readonly message: string;
}

/** Formats problems as one line each: `path: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}

/**
 * A topology definition is invalid. Every problem found is listed in `problems`, not just the first.
 */
export class TopologyValidationError extends GaleError {
  static override readonly errorName: string = 'TopologyValidationError';
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(
      'TOPOLOGY_INVALID',
      `invalid topology (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${formatProblems(problems)}`,
    );
    this.name = 'TopologyValidationError';
    this.problems = Object.freeze([...problems]);
  }
}

/** A config is invalid. Every problem is listed with its key path. */
export class ConfigValidationError extends GaleError {
  static override readonly errorName: string = 'ConfigValidationError';
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], what = 'config') {
    super(
      'CONFIG_INVALID',
      `invalid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${formatProblems(problems)}`,
    );
    this.name = 'ConfigValidationError';
    this.problems = Object.freeze([...problems]);
  }
}

/**
 * Thrown by user code inside `execute` to fail the input tuple on purpose (Storm's
 * `FailedException`). The tuple is failed and no error is reported for the component.
 */
export class FailedTupleError extends GaleError {
  static override readonly errorName: string = 'FailedTupleError';
  constructor(message = 'tuple failed', options: ErrorOptions = {}) {
    super('TUPLE_FAILED', message, { ...options, domain: 'user' });
    this.name = 'FailedTupleError';
  }
}
