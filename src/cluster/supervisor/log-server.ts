/**
 * A supervisor's log server (Storm's logviewer): serves the worker logs of its machine over HTTP,
 * so `gale logs` can read them from anywhere without a shared file system.
 *
 * `GET /logs/<topology>?component=&task=&lines=&follow=1` answers `application/x-ndjson`: the last
 * `lines` matching lines of the topology's log files in the directory (those of the current
 * workers and of earlier ones), ordered by time; with `follow=1` the response stays open and new
 * lines follow as workers write them, until the client goes away or the server closes. The header
 * `x-gale-history-lines` says how many of the lines are history (the rest are new ones). A bad
 * parameter is 400 with `{ "error": { "code", "parameter", "message" } }`; any other path is 404.
 *
 * It only ever reads files it listed in its own directory whose names match the topology's, so
 * no request can reach another file. At most `maxFollowers` requests follow at once (503 past
 * that), each with one poll timer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../runtime/index.js';
import {
  finishLines,
  logFilePath,
  readTail,
  topologyLogFiles,
  type LineSource,
  type LogLine,
} from './log-files.js';
import { LogFollower } from './log-follower.js';
import { LogQueryError, parseLogQuery, type LogQuery } from './log-query.js';

/** Options of a {@link LogServer}. */
export interface LogServerOptions {
  /** The directory the workers' logs are in. */
  readonly dir: string;
  /** The address to listen on: the supervisor's host, as other machines reach it. */
  readonly host: string;
  /** The port; 0 picks a free one. */
  readonly port: number;
  /** The supervisor's id, for the worker id of lines that are not JSON. */
  readonly supervisor: string;
  readonly logger: Logger;
  /** How often a follow request looks for new lines (default 250 ms). */
  readonly pollMs?: number;
  /** Follow requests served at once (default 32). */
  readonly maxFollowers?: number;
}

/** The URL of a server listening on `host`:`port` (an IPv6 address in brackets). */
export function logServerUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  parameter?: string,
): void {
  const body = JSON.stringify({
    error: { code, message, ...(parameter === undefined ? {} : { parameter }) },
  });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(`${body}\n`);
}

/** The response header that says how many lines of the body are history. */
export const HISTORY_HEADER = 'x-gale-history-lines';

/** The HTTP server of one supervisor's worker logs; see the file's comment. */
export class LogServer implements AsyncDisposable {
  readonly #o: LogServerOptions;
  readonly #server: Server;
  readonly #followers = new Set<{ follower: LogFollower; res: ServerResponse }>();
  #url: string | null = null;
  #closing: Promise<void> | null = null;

  constructor(options: LogServerOptions) {
    this.#o = options;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        this.#o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'log request failed');
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'could not read the logs');
        else res.end();
      });
    });
  }

  /** Requests following a log now. */
  get following(): number {
    return this.#followers.size;
  }

  /** Where it answers, once listening. */
  get url(): string {
    if (this.#url === null) throw new Error('the log server is not listening');
    return this.#url;
  }

  /** Starts listening; resolves with its URL. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#o.port, this.#o.host, () => {
        this.#server.off('error', reject);
        const address = this.#server.address();
        const port = typeof address === 'object' && address !== null ? address.port : this.#o.port;
        this.#url = logServerUrl(this.#o.host, port);
        resolve(this.#url);
      });
    });
  }

  /** Stops accepting, ends every follow response, closes every connection. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      const followers = [...this.#followers];
      this.#followers.clear();
      await Promise.all(followers.map(({ follower }) => follower.close()));
      for (const { res } of followers) res.end();
      this.#server.closeAllConnections();
      await closed;
    })();
    return this.#closing;
  }

  /** {@link LogServer.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not supported; use GET`);
      return;
    }
    let query: LogQuery;
    try {
      const url = new URL(req.url ?? '/', 'http://log-server');
      query = parseLogQuery(url.pathname, url.searchParams);
    } catch (err) {
      if (!(err instanceof LogQueryError)) throw err;
      const status = err.parameter === 'path' ? 404 : 400;
      sendError(res, status, err.code, err.message, err.parameter);
      return;
    }
    if (query.follow && this.#followers.size >= (this.#o.maxFollowers ?? 32)) {
      sendError(res, 503, 'TOO_MANY_FOLLOWERS', 'too many logs are followed at once; try again later');
      return;
    }
    const source: Omit<LineSource, 'port'> = {
      topology: query.topology,
      supervisor: this.#o.supervisor,
      host: this.#o.host,
      ...(query.component === undefined ? {} : { component: query.component }),
      ...(query.task === undefined ? {} : { task: query.task }),
    };
    const from = new Map<string, number>();
    const lastTimes = new Map<string, number>();
    const history: LogLine[] = [];
    for (const file of await topologyLogFiles(this.#o.dir, query.topology)) {
      const fileSource = { ...source, port: file.port };
      let tail;
      try {
        tail = await readTail(logFilePath(this.#o.dir, file), query.lines, fileSource);
      } catch {
        continue; // removed between the listing and the read
      }
      from.set(file.name, tail.end);
      const lines = finishLines(tail.lines, fileSource);
      const last = lines.at(-1);
      if (last !== undefined) lastTimes.set(file.name, last.time);
      history.push(...lines);
    }
    history.sort((a, b) => a.time - b.time);
    const shown = query.lines === 0 ? [] : history.slice(-query.lines);
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      [HISTORY_HEADER]: String(shown.length),
    });
    if (shown.length > 0) res.write(`${shown.map((l) => l.text).join('\n')}\n`);
    if (!query.follow || this.#closing !== null) {
      res.end();
      return;
    }
    // Headers out now: the client knows the server answered even if no line comes for a while.
    res.flushHeaders();
    const follower = new LogFollower({
      dir: this.#o.dir,
      source,
      from,
      lastTimes,
      pollMs: this.#o.pollMs ?? 250,
      ready: () => !res.writableNeedDrain,
      onLines: (lines) => res.write(`${lines.map((l) => l.text).join('\n')}\n`),
      onError: (err) =>
        this.#o.logger.warn(
          { topology: query.topology, err: err instanceof Error ? err.message : String(err) },
          'following a log failed',
        ),
    });
    const entry = { follower, res };
    this.#followers.add(entry);
    res.once('close', () => {
      this.#followers.delete(entry);
      void follower.close();
    });
    follower.start();
  }
}
