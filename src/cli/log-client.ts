/**
 * Reads one supervisor's log server for `gale logs`: `GET <logUrl>/logs/<topology>?...`, one JSON
 * line at a time. Anything that keeps the logs from coming (no answer within the connect timeout,
 * a refused connection, an error status) is a `GaleError` `LOGS_UNAVAILABLE` naming the server.
 */
import { get, type IncomingMessage } from 'node:http';
import { GaleError } from '../api/errors.js';
import { logQueryString, type LogQuery } from '../cluster/supervisor/log-query.js';
import { HISTORY_HEADER } from '../cluster/supervisor/log-server.js';

/** One request to a log server, and where its lines go. */
export interface LogRequest {
  /** The server, as its supervisor registered it (`http://host:port`). */
  readonly url: string;
  readonly query: LogQuery;
  /** Each line of the body, in order; `history` is true for lines written before the request. */
  readonly onLine: (text: string, history: boolean) => void;
  /** All history lines were received (before any new one; at once when there is none). */
  readonly onHistoryEnd?: () => void;
  /** Aborts the request: the promise then resolves. */
  readonly signal?: AbortSignal;
  /** How long to wait for the server to answer (default 5000 ms). */
  readonly connectTimeoutMs?: number;
}

function unavailable(url: string, why: string, cause?: unknown): GaleError {
  return new GaleError('LOGS_UNAVAILABLE', `log server ${url}: ${why}`, {
    domain: 'external',
    retryable: true,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The error message of an error response body (`{ error: { message } }`), or the body itself. */
function errorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const e = parsed.error;
      if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string')
        return e.message;
    }
  } catch {
    // Not JSON: the text itself.
  }
  return body.trim().slice(0, 200);
}

/** Reads the logs; resolves when the response ends (or is aborted), rejects if none comes. */
export function readLogs(request: LogRequest): Promise<void> {
  const { url, query } = request;
  const target = `${url}/logs/${encodeURIComponent(query.topology)}?${logQueryString(query)}`;
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted === true) {
      resolve();
      return;
    }
    let settled = false;
    const settle = (err?: GaleError): void => {
      if (settled) return;
      settled = true;
      request.signal?.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const req = get(target, (res) => {
      req.setTimeout(0); // answered: a followed log may stay quiet for long
      handle(res);
    });
    const onAbort = (): void => {
      req.destroy();
      settle();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(request.connectTimeoutMs ?? 5000, () =>
      req.destroy(unavailable(url, `no answer in ${request.connectTimeoutMs ?? 5000} ms`)),
    );
    req.on('error', (err) => settle(err instanceof GaleError ? err : unavailable(url, err.message, err)));

    function handle(res: IncomingMessage): void {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (d: string) => {
          if (body.length < 4096) body += d;
        });
        res.on('end', () => settle(unavailable(url, `HTTP ${res.statusCode}: ${errorMessage(body)}`)));
        return;
      }
      let history = Number(res.headers[HISTORY_HEADER] ?? 0);
      if (!Number.isInteger(history) || history < 0) history = 0;
      if (history === 0) request.onHistoryEnd?.();
      let carry = '';
      res.on('data', (chunk: string) => {
        const parts = (carry + chunk).split('\n');
        carry = parts.pop() ?? '';
        for (const line of parts) {
          if (line === '') continue;
          const isHistory = history > 0;
          request.onLine(line, isHistory);
          if (isHistory && --history === 0) request.onHistoryEnd?.();
        }
      });
      res.on('end', () => {
        if (carry !== '') request.onLine(carry, history > 0);
        if (history > 0) request.onHistoryEnd?.();
        settle();
      });
      res.on('error', (err) => settle(unavailable(url, err.message, err)));
      res.on('close', () => settle());
    }
  });
}
