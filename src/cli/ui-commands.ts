/**
 * `gale ui` (the web UI, REST API and /metrics of a cluster, a daemon) and `gale status` (a
 * topology's numbers in the terminal, live on a TTY, or once as JSON). Both read the cluster
 * store; `gale status --ui <url>` reads a running UI instead (also `gale run --ui`).
 */
import { ClusterBackend } from '../ui/cluster-backend.js';
import { UiServer } from '../ui/ui-server.js';
import type { TopologyDetailView } from '../metrics/views.js';
import { clusterSettings, type ClusterFlags } from './cluster-settings.js';
import { connectStore } from './connect-store.js';
import { daemonLogger, type DaemonFlags } from './daemon-commands.js';
import { closeOnSignal, untilSignal } from './until-signal.js';
import { packageVersion } from './package-version.js';
import { parseDuration } from './parse-duration.js';
import { parsePort } from './parse-port.js';
import { statusLines } from './status-table.js';
import { GaleError } from '../api/errors.js';
import { UsageError } from './usage-error.js';
import type { Output } from './cluster-commands.js';

export interface UiFlags extends DaemonFlags {
  readonly port?: string;
  readonly host?: string;
}

export async function uiCommand(flags: UiFlags, io: Output): Promise<number> {
  const port = parsePort(flags.port ?? '8080', '--port');
  const host = flags.host ?? '127.0.0.1';
  const settings = clusterSettings(flags);
  const logger = daemonLogger(flags, 'gale-ui');
  const store = await connectStore(settings, {
    retry: true,
    notice: (line) => logger.warn({ etcd: settings.etcd }, line),
    onInvalid: (key, problem) => logger.warn({ key, problem }, 'invalid record in the cluster store'),
  });
  const server = new UiServer({ backend: new ClusterBackend(store), version: packageVersion(), logger });
  const stopped = untilSignal();
  let url: string;
  try {
    url = await server.listen(host, port);
  } catch (err) {
    await server.close();
    await store.coordination.close();
    throw new UsageError(
      `--port ${port}: cannot listen on ${host}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  io.err(`UI: ${url}`);
  logger.info({ url, etcd: settings.etcd, prefix: settings.prefix }, 'UI up');
  return closeOnSignal(stopped, logger, 'UI stopping', [server, store.coordination]);
}

export interface StatusFlags extends ClusterFlags {
  readonly json?: boolean;
  readonly once?: boolean;
  readonly interval?: string;
  /** Base URL of a running UI (`gale ui`, `gale run --ui`) to read instead of the store. */
  readonly ui?: string;
}

/** Where `gale status` gets a topology's detail from: the store (through a backend) or a UI. */
type DetailSource = { next(): Promise<TopologyDetailView>; close(): Promise<void> };

async function storeSource(name: string, flags: StatusFlags, io: Output): Promise<DetailSource> {
  const store = await connectStore(clusterSettings(flags), { retry: false, notice: (line) => io.err(line) });
  const backend = new ClusterBackend(store);
  return {
    async next() {
      await backend.refresh();
      if (backend.problem !== null) throw new GaleError('STORE_UNAVAILABLE', backend.problem);
      const found = backend
        .topologies()
        .filter((t) => t.metrics.info.name === name || t.metrics.info.id === name)
        .sort((a, b) => b.metrics.info.startedAt - a.metrics.info.startedAt)[0];
      if (found === undefined)
        throw new GaleError(
          'TOPOLOGY_NOT_FOUND',
          `no topology '${name}' in the cluster (gale list shows them)`,
          {
            details: { topology: name },
          },
        );
      return found.metrics.detail(found.state);
    },
    close: () => backend.close(),
  };
}

function uiSource(name: string, base: string): DetailSource {
  let url: URL;
  try {
    url = new URL(`api/v1/topology/${encodeURIComponent(name)}`, base.endsWith('/') ? base : `${base}/`);
  } catch {
    throw new UsageError(`--ui ${base}: not a URL (expected http://host:port/)`);
  }
  return {
    async next() {
      let res: Response;
      try {
        res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      } catch (err) {
        throw new UsageError(
          `--ui ${base}: unreachable (${err instanceof Error ? err.message : String(err)})`,
        );
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message =
          typeof body === 'object' && body !== null && 'error' in body
            ? String((body as { error: { message?: unknown } }).error.message)
            : `HTTP ${res.status}`;
        throw new UsageError(`${name}: ${message}`);
      }
      return body as TopologyDetailView;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Prints `name`'s numbers. On a terminal (without `--once`/`--json`) the table refreshes in place
 * every `--interval` until Ctrl-C; otherwise it prints once, after one interval so that rates
 * cover it.
 */
export async function statusCommand(
  name: string,
  flags: StatusFlags,
  io: Output,
  tty = process.stdout.isTTY === true,
): Promise<number> {
  const intervalMs = parseDuration(flags.interval ?? '1s', '--interval');
  if (intervalMs < 100 || intervalMs > 60_000)
    throw new UsageError(`--interval ${flags.interval}: expected 100ms to 60s`);
  const source = flags.ui === undefined ? await storeSource(name, flags, io) : uiSource(name, flags.ui);
  const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  try {
    await source.next(); // the first sample: rates need a second one
    if (flags.json === true || flags.once === true || !tty) {
      await pause(intervalMs);
      const detail = await source.next();
      io.out(flags.json === true ? JSON.stringify(detail, null, 2) : statusLines(detail).join('\n'));
      return 0;
    }
    let stop = false;
    const onSignal = (): void => {
      stop = true;
    };
    process.once('SIGINT', onSignal);
    process.stdout.write('\x1b[2J');
    try {
      while (!stop) {
        await pause(intervalMs);
        const lines = statusLines(await source.next());
        // Home, the table, clear to the end of the screen: redrawn in place without flicker.
        process.stdout.write(`\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\n')}\n\x1b[J`);
      }
    } finally {
      process.off('SIGINT', onSignal);
    }
    return 0;
  } finally {
    await source.close();
  }
}
