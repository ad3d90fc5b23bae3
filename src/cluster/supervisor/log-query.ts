/**
 * What a request to a supervisor's log server asks for:
 * `GET /logs/<topology>?component=&task=&lines=&follow=1`. Every parameter is checked here, once; a bad one is a {@link LogQueryError}
 * naming it, which the server answers with 400. The topology name is checked against the rule of
 * topology names (letters, digits, `.`, `_`, `-`; no `/`), and is only ever compared with the
 * names of files listed in the log directory, never joined into a path.
 */
import { GaleError } from '../../api/errors.js';
import { topologyNameSchema } from '../store/records.js';

/** Lines of history sent when `lines` is not given. */
export const DEFAULT_LOG_LINES = 100;
/** At most this many lines of history per request. */
export const MAX_LOG_LINES = 10_000;

/** The parameters a log request may have. */
export const LOG_QUERY_PARAMETERS = ['component', 'task', 'lines', 'follow'] as const;

/** A checked log request. */
export interface LogQuery {
  readonly topology: string;
  /** Only lines of this component. */
  readonly component?: string;
  /** Only lines of this task. */
  readonly task?: number;
  /** The last `lines` lines of history (of those that match). */
  readonly lines: number;
  /** After the history, keep the response open and send new lines as they are written. */
  readonly follow: boolean;
}

/** A log request with a bad parameter (`LOG_QUERY_INVALID`); `parameter` names it. */
export class LogQueryError extends GaleError {
  static override readonly errorName: string = 'LogQueryError';
  /** The parameter at fault: `topology`, one of {@link LOG_QUERY_PARAMETERS}, or `path`. */
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super('LOG_QUERY_INVALID', `${parameter}: ${message}`, { details: { key: parameter } });
    this.name = 'LogQueryError';
    this.parameter = parameter;
  }
}

function isParameter(name: string): name is (typeof LOG_QUERY_PARAMETERS)[number] {
  return (LOG_QUERY_PARAMETERS as readonly string[]).includes(name);
}

/** A whole number in [min, max] written in decimal digits, or a {@link LogQueryError}. */
function wholeNumber(parameter: string, text: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new LogQueryError(
      parameter,
      `expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  return n;
}

/**
 * Checks a request path and query: `/logs/<topology>` and the parameters of {@link LogQuery}.
 * Unknown or repeated parameters are errors too: a typo must not widen what is sent.
 */
export function parseLogQuery(pathname: string, params: URLSearchParams): LogQuery {
  const m = /^\/logs\/([^/]*)$/.exec(pathname);
  if (m === null)
    throw new LogQueryError('path', `expected /logs/<topology>, got ${JSON.stringify(pathname)}`);
  let topology: string;
  try {
    topology = decodeURIComponent(m[1]!);
  } catch {
    throw new LogQueryError('topology', 'not a valid percent-encoded name');
  }
  const name = topologyNameSchema.safeParse(topology);
  if (!name.success)
    throw new LogQueryError(
      'topology',
      `${JSON.stringify(topology.slice(0, 200))} is not a topology name (${name.error.issues[0]?.message ?? 'invalid'})`,
    );
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!isParameter(key))
      throw new LogQueryError(key, `unknown parameter (expected ${LOG_QUERY_PARAMETERS.join(', ')})`);
    if (seen.has(key)) throw new LogQueryError(key, 'given more than once');
    seen.add(key);
  }
  const component = params.get('component');
  if (component !== null && (component.length === 0 || component.length > 200))
    throw new LogQueryError('component', 'expected a component id of 1 to 200 characters');
  const task = params.get('task');
  const lines = params.get('lines');
  const follow = params.get('follow');
  if (follow !== null && !['0', '1', 'true', 'false'].includes(follow))
    throw new LogQueryError('follow', `expected 1 or 0, got ${JSON.stringify(follow.slice(0, 50))}`);
  return {
    topology: name.data,
    ...(component === null ? {} : { component }),
    ...(task === null ? {} : { task: wholeNumber('task', task, 0, 1_000_000_000) }),
    lines: lines === null ? DEFAULT_LOG_LINES : wholeNumber('lines', lines, 0, MAX_LOG_LINES),
    follow: follow === '1' || follow === 'true',
  };
}

/** The query string of a {@link LogQuery} (for clients), without the topology. */
export function logQueryString(q: Omit<LogQuery, 'topology'>): string {
  const p = new URLSearchParams();
  if (q.component !== undefined) p.set('component', q.component);
  if (q.task !== undefined) p.set('task', String(q.task));
  p.set('lines', String(q.lines));
  if (q.follow) p.set('follow', '1');
  return p.toString();
}
