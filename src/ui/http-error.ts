/**
 * An error answered to an HTTP client as `{ "error": { status, code, message } }`; Gale errors
 * map to statuses by their code.
 */
import type { ErrorCode } from '../api/errors.js';
import type { ErrorBody } from '../metrics/views.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  TOPOLOGY_NOT_FOUND: 404,
  ACTION_INVALID: 400,
  CONFIG_INVALID: 400,
  NOT_LEADER: 503,
  STORE_UNAVAILABLE: 503,
};

/** The HTTP status and body for any error thrown while answering. */
export function errorBody(err: unknown): ErrorBody {
  if (err instanceof HttpError)
    return { error: { status: err.status, code: err.code, message: err.message } };
  if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
    const status = STATUS_OF[err.code as ErrorCode] ?? 500;
    return { error: { status, code: err.code, message: err.message } };
  }
  return {
    error: { status: 500, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
  };
}
