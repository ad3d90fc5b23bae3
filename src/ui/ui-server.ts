/**
 * The UI server: the REST API (docs/rest-api.md), live updates as server-sent events, Prometheus
 * metrics at /metrics, and the web UI's files. It refreshes its backend once a second and pushes
 * the new views to every open event stream. Owns a socket and a timer: `close()` is idempotent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registry } from 'prom-client';
import { createPrometheusRegistry } from '../metrics/prometheus-registry.js';
import type {
  ErrorBody,
  ClusterSummaryView,
  ComponentDetailView,
  TopologyDetailView,
  TopologySummaryView,
} from '../metrics/views.js';
import type { Logger } from '../runtime/index.js';
import { errorBody, HttpError } from './http-error.js';
import { isLoopbackAddress, isLoopbackHost } from './loopback-host.js';
import type { BackendTopology, UiBackend } from './ui-backend.js';
import { readActionBody } from './action-body.js';

export interface UiServerOptions {
  readonly backend: UiBackend;
  readonly version: string;
  readonly logger: Logger;
  /** How often the backend is refreshed and event streams are sent (default 1000 ms). */
  readonly refreshMs?: number;
  /** The built web UI (default: dist/web next to this module's dist/src). */
  readonly webDir?: string;
  /** Most open event streams (default 200). */
  readonly maxStreams?: number;
}

interface Stream {
  readonly res: ServerResponse;
  readonly view: () => { event: string; data: unknown } | null;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export class UiServer {
  readonly #o: UiServerOptions;
  readonly #server: Server;
  readonly #streams = new Set<Stream>();
  readonly #registry: Registry;
  readonly #webDir: string;
  #timer: NodeJS.Timeout | null = null;
  #refreshing = false;
  /** Bound to loopback: requests must name it in `Host` (see loopback-host.ts). */
  #loopback = false;
  #closing: Promise<void> | null = null;

  constructor(options: UiServerOptions) {
    this.#o = options;
    this.#webDir = options.webDir ?? DEFAULT_WEB_DIR;
    const backend = options.backend;
    this.#registry = createPrometheusRegistry(() => {
      const all = backend.topologies().map((t) => t.metrics.exportMetrics());
      return { tasks: all.flatMap((e) => e.tasks), workers: all.flatMap((e) => e.workers) };
    });
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => this.#fail(res, err));
    });
  }

  /** Takes a first sample, listens on `host:port` (0: a free port), resolves with the base URL. */
  async listen(host: string, port: number): Promise<string> {
    await this.#o.backend.refresh();
    const url = await new Promise<string>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        const a = this.#server.address() as AddressInfo;
        this.#loopback = isLoopbackAddress(a.address);
        resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/`);
      });
    });
    this.#timer = setInterval(() => void this.#tick(), this.#o.refreshMs ?? 1000);
    return url;
  }

  /**
   * Tells every event stream it is over (event `gone`), stops listening, lets requests being
   * answered finish (1 s at most: the answer to the kill that ended a local run, say). Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#timer !== null) clearInterval(this.#timer);
      const gone: ErrorBody = {
        error: { status: 503, code: 'UI_STOPPED', message: 'the UI server stopped' },
      };
      for (const s of this.#streams) s.res.end(`event: gone\ndata: ${JSON.stringify(gone)}\n\n`);
      this.#streams.clear();
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      this.#server.closeIdleConnections();
      const grace = setTimeout(() => this.#server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(grace);
    })();
    return this.#closing;
  }

  async #tick(): Promise<void> {
    if (this.#refreshing || this.#closing !== null) return;
    this.#refreshing = true;
    try {
      await this.#o.backend.refresh();
      for (const s of this.#streams) this.#send(s);
    } catch (err) {
      this.#o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'UI refresh failed');
    } finally {
      this.#refreshing = false;
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#loopback && !isLoopbackHost(req.headers.host))
      throw new HttpError(
        403,
        'HOST_NOT_ALLOWED',
        `Host ${JSON.stringify(req.headers.host)}: this server listens on loopback and answers localhost, 127.0.0.1 and [::1] only`,
      );
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/metrics') {
      method(req, 'GET');
      const text = await this.#registry.metrics();
      res.writeHead(200, { 'content-type': this.#registry.contentType }).end(text);
      return;
    }
    if (path.startsWith('/api/')) return this.#api(req, res, path, url.searchParams);
    method(req, 'GET');
    this.#static(res, path);
  }

  async #api(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const parts = path
      .slice('/api/v1/'.length)
      .split('/')
      .map((p) => safeDecode(p));
    if (!path.startsWith('/api/v1/'))
      throw new HttpError(404, 'NOT_FOUND', `no such API: ${path} (the API is under /api/v1/)`);
    const b = this.#o.backend;
    const [a0, a1, a2, a3, a4, ...rest] = parts;
    if (rest.length > 0) throw notFound(path);
    const isAction =
      a0 === 'topology' &&
      a3 === undefined &&
      ['activate', 'deactivate', 'kill', 'rebalance'].includes(a2 ?? '');
    if (!isAction) method(req, 'GET');
    if (a0 === 'cluster' && a1 === 'summary' && a2 === undefined)
      return this.#json(req, res, this.#summary());
    if (a0 === 'supervisor' && a1 === 'summary' && a2 === undefined)
      return this.#json(req, res, { supervisors: b.supervisors() });
    if (a0 === 'nimbus' && a1 === 'summary' && a2 === undefined)
      return this.#json(req, res, { leader: b.nimbusLeader(), nimbuses: b.nimbuses() });
    if (a0 === 'prometheus' && a1 === 'targets' && a2 === undefined) {
      // Prometheus' HTTP service discovery: one target group per worker endpoint.
      const groups = b.workerMetricsUrls().map((w) => {
        const u = new URL(w.url);
        // __meta_ labels are for relabelling and dropped after it, so they never clash with the
        // topology and worker labels every gale_ metric carries.
        return {
          targets: [u.host],
          labels: {
            __metrics_path__: u.pathname,
            __meta_gale_topology: w.topology,
            __meta_gale_worker: w.worker,
          },
        };
      });
      return this.#json(req, res, groups);
    }
    if (a0 === 'topology' && a1 === 'summary' && a2 === undefined)
      return this.#json(req, res, { topologies: this.#topologySummaries() });
    if (a0 === 'topology' && a1 !== undefined) {
      if (a2 === undefined) return this.#json(req, res, this.#topologyDetail(a1));
      if (a2 === 'component' && a3 !== undefined && a4 === undefined)
        return this.#json(req, res, this.#componentDetail(a1, a3));
      if (a2 === 'errors' && a3 === undefined) {
        const t = this.#find(a1);
        const component = query.get('component') ?? undefined;
        if (component !== undefined && !t.metrics.info.graph.components.some((c) => c.id === component))
          throw new HttpError(
            404,
            'COMPONENT_NOT_FOUND',
            `topology ${t.metrics.info.name} has no component '${component}'`,
          );
        return this.#json(req, res, { errors: t.metrics.errors(component) });
      }
      if (
        a3 === undefined &&
        (a2 === 'activate' || a2 === 'deactivate' || a2 === 'kill' || a2 === 'rebalance')
      )
        return this.#action(req, res, a1, a2);
    }
    if (a0 === 'events') {
      if (a1 === 'cluster' && a2 === undefined)
        return this.#stream(res, () => ({
          event: 'cluster',
          data: {
            summary: this.#summary(),
            topologies: this.#topologySummaries(),
            supervisors: b.supervisors(),
          },
        }));
      if (a1 === 'topology' && a2 !== undefined && a3 === undefined) {
        this.#find(a2);
        return this.#stream(res, () =>
          this.#live(() => ({ event: 'topology', data: this.#topologyDetail(a2) })),
        );
      }
      if (a1 === 'topology' && a2 !== undefined && a3 === 'component' && a4 !== undefined) {
        this.#componentDetail(a2, a4);
        return this.#stream(res, () =>
          this.#live(() => ({ event: 'component', data: this.#componentDetail(a2, a4) })),
        );
      }
    }
    throw notFound(path);
  }

  /** A view for an event stream; `gone` once its topology or component is no more. */
  #live(view: () => { event: string; data: unknown }): { event: string; data: unknown } {
    try {
      return view();
    } catch (err) {
      return { event: 'gone', data: errorBody(err) };
    }
  }

  #summary(): ClusterSummaryView {
    const b = this.#o.backend;
    const supervisors = b.supervisors();
    const topologies = b.topologies();
    const slotsTotal = supervisors.reduce((n, s) => n + s.slots.length, 0);
    const slotsUsed = supervisors.reduce((n, s) => n + s.slotsUsed, 0);
    return {
      mode: b.mode,
      version: this.#o.version,
      time: Date.now(),
      nimbusLeader: b.nimbusLeader(),
      supervisors: supervisors.length,
      slotsTotal,
      slotsUsed,
      slotsFree: Math.max(0, slotsTotal - slotsUsed),
      topologies: topologies.length,
      executorsTotal: topologies.reduce((n, t) => n + t.state.executors, 0),
      tasksTotal: topologies.reduce(
        (n, t) => n + t.metrics.info.graph.components.reduce((m, c) => m + c.tasks, 0),
        0,
      ),
      ...(b.problem === null ? {} : { problem: b.problem }),
    };
  }

  #topologySummaries(): TopologySummaryView[] {
    return this.#o.backend
      .topologies()
      .map((t) => t.metrics.summary(t.state))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  #topologyDetail(id: string): TopologyDetailView {
    const t = this.#find(id);
    return t.metrics.detail(t.state);
  }

  #componentDetail(id: string, component: string): ComponentDetailView {
    const t = this.#find(id);
    const view = t.metrics.component(component);
    if (view === null)
      throw new HttpError(
        404,
        'COMPONENT_NOT_FOUND',
        `topology ${t.metrics.info.name} has no component '${component}'`,
      );
    return view;
  }

  /** A topology by id or name (the newest submission of that name). */
  #find(idOrName: string): BackendTopology {
    const all = this.#o.backend.topologies();
    const found =
      all.find((t) => t.metrics.info.id === idOrName) ??
      all
        .filter((t) => t.metrics.info.name === idOrName)
        .sort((a, b) => b.metrics.info.startedAt - a.metrics.info.startedAt)[0];
    if (found === undefined) throw new HttpError(404, 'TOPOLOGY_NOT_FOUND', `no topology '${idOrName}'`);
    return found;
  }

  async #action(req: IncomingMessage, res: ServerResponse, id: string, action: string): Promise<void> {
    method(req, 'POST');
    const body = await readActionBody(req, action);
    const t = this.#find(id);
    const name = t.metrics.info.name;
    const b = this.#o.backend;
    if (action === 'activate') await b.activate(name);
    else if (action === 'deactivate') await b.deactivate(name);
    else if (action === 'kill') await b.kill(name, body.waitSecs ?? 30);
    else await b.rebalance(name, body);
    this.#o.logger.info({ topology: name, action }, 'UI action');
    await b.refresh();
    const after = b.topologies().find((x) => x.metrics.info.id === t.metrics.info.id);
    this.#json(req, res, {
      topology: name,
      id: t.metrics.info.id,
      action,
      status: after?.state.status ?? 'killed',
    });
  }

  #stream(res: ServerResponse, view: () => { event: string; data: unknown } | null): void {
    if (this.#streams.size >= (this.#o.maxStreams ?? 200))
      throw new HttpError(503, 'TOO_MANY_STREAMS', 'too many open event streams; close some and try again');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const stream: Stream = { res, view };
    this.#streams.add(stream);
    res.on('close', () => this.#streams.delete(stream));
    this.#send(stream);
  }

  #send(s: Stream): void {
    const v = s.view();
    if (v === null) return;
    s.res.write(`event: ${v.event}\ndata: ${JSON.stringify(v.data)}\n\n`);
    if (v.event === 'gone') {
      this.#streams.delete(s);
      s.res.end();
    }
  }

  #json(_req: IncomingMessage, res: ServerResponse, body: unknown): void {
    res
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  }

  #fail(res: ServerResponse, err: unknown): void {
    const body = errorBody(err);
    if (body.error.status >= 500)
      this.#o.logger.warn({ err: body.error.message, code: body.error.code }, 'UI request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res
      .writeHead(body.error.status, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
  }

  #static(res: ServerResponse, path: string): void {
    const index = join(this.#webDir, 'index.html');
    if (!existsSync(index))
      throw new HttpError(503, 'UI_NOT_BUILT', `the web UI is not built (no ${index}): run npm run build`);
    let file = index;
    if (path.startsWith('/assets/')) {
      const resolved = normalize(join(this.#webDir, path));
      if (!resolved.startsWith(join(this.#webDir, 'assets') + sep) || !existsSync(resolved))
        throw new HttpError(404, 'NOT_FOUND', `no such file: ${path}`);
      file = resolved;
    }
    res
      .writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': file === index ? 'no-cache' : 'max-age=300',
      })
      .end(readFileSync(file));
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', `bad URL escape in '${part}'`);
  }
}

function notFound(path: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `no such API: ${path} (see docs/rest-api.md)`);
}

function methodNotAllowed(req: IncomingMessage, allowed: string): HttpError {
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method ?? '?'} ${req.url ?? ''}: use ${allowed}`);
}

function method(req: IncomingMessage, allowed: 'GET' | 'POST'): void {
  if (req.method !== allowed && !(allowed === 'GET' && req.method === 'HEAD'))
    throw methodNotAllowed(req, allowed);
}
