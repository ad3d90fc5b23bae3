/**
 * `gale run <module>`: runs a topology module in local mode for `--duration` (or until Ctrl-C),
 * with a live progress line and a summary at the end. Gale's own output goes to stderr, so stdout
 * is the topology's alone.
 *
 * Cheap checks (flags, the config file) come before the module loads, so mistakes fail fast.
 */
import type { TopologyConfigInput } from '../api/index.js';
import { isValidTopologyName, LocalCluster, TOPOLOGY_NAME_RULE } from '../local/index.js';
import { createProcessLogger, type ComponentSummary } from '../runtime/index.js';
import { systemClock, type Clock, type TimerHandle } from '../util/clock.js';
import { resolve } from 'node:path';
import { loadTopology } from './load-topology.js';
import { parseLogLevel } from './log-level.js';
import { parseDuration } from './parse-duration.js';
import { ProgressReporter } from './progress-reporter.js';
import { readConfigFile } from './read-config-file.js';
import { StopTrigger, type SignalSource, type StopReason } from './stop-trigger.js';
import { errorLines, summaryTable } from './summary-table.js';
import { topologyNameOf } from './topology-name.js';
import { UsageError } from './usage-error.js';
import { LocalBackend } from '../ui/local-backend.js';
import { UiServer } from '../ui/ui-server.js';
import { packageVersion } from './package-version.js';
import { parsePort } from './parse-port.js';

/** The flags of `gale run`, as commander parses them. */
export interface RunOptions {
  readonly duration: string;
  readonly config?: string;
  readonly name?: string;
  readonly workers?: string;
  readonly progress: boolean;
  readonly logLevel: string;
  /** Serve the UI (`--ui`) on `uiHost:uiPort`. */
  readonly ui?: boolean;
  readonly uiPort?: string;
  readonly uiHost?: string;
}

/** The process around the command; `process` in production. */
export interface RunEnvironment {
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly signals: SignalSource;
  readonly exit: (code: number) => void;
  readonly clock: Clock;
}

const processEnvironment: RunEnvironment = {
  stderr: process.stderr,
  signals: process,
  exit: (code) => process.exit(code),
  clock: systemClock,
};

/** How often to check that the topology is still there (a worker crash removes it). */
const WATCH_MS = 250;

const STOPPING: Readonly<Record<StopReason, string>> = {
  duration: 'duration reached',
  SIGINT: 'Ctrl-C; press it again to exit at once',
  SIGTERM: 'SIGTERM',
  crashed: 'the topology crashed',
  killed: 'killed from the UI',
};

/** `--workers`: a whole number from 1 to 1024 (the config's own bounds). */
function parseWorkers(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new UsageError(`--workers: expected a whole number from 1 to 1024, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** Runs the command; resolves with the exit code. Errors thrown are reported by the caller. */
export async function runCommand(
  file: string,
  options: RunOptions,
  env: RunEnvironment = processEnvironment,
): Promise<number> {
  const durationMs = parseDuration(options.duration);
  if (options.name !== undefined && !isValidTopologyName(options.name)) {
    throw new UsageError(
      `--name: ${JSON.stringify(options.name)} is not a valid topology name: use ${TOPOLOGY_NAME_RULE}`,
    );
  }
  const level = parseLogLevel(options.logLevel);
  const uiPort = options.ui === true ? parsePort(options.uiPort ?? '8080', '--ui-port') : 0;
  const fromFile: TopologyConfigInput = options.config === undefined ? {} : readConfigFile(options.config);
  const config: TopologyConfigInput =
    options.workers === undefined ? fromFile : { ...fromFile, workers: parseWorkers(options.workers) };
  const topology = await loadTopology(file);
  const name = options.name ?? topologyNameOf(file);
  const declared = new Map([...topology.components.keys()].map((id, i) => [id, i]));
  // Rows in the order the topology declares its components, spouts usually first.
  const inOrder = (cs: readonly ComponentSummary[]): ComponentSummary[] =>
    [...cs].sort(
      (a, b) => (declared.get(a.component) ?? declared.size) - (declared.get(b.component) ?? declared.size),
    );
  const spouts = new Set(
    [...topology.components.values()].filter((c) => c.kind === 'spout').map((c) => c.id),
  );
  // JSON lines on stderr, readable ones on a terminal; each worker's lines carry its topology,
  // worker id and host, and a task's its component and task too.
  const logger = createProcessLogger({ name: 'gale', level, pretty: env.stderr.isTTY === true });
  const cluster = new LocalCluster({ logger });
  const { clock, stderr } = env;
  // Listening before the topology starts: from here on, Ctrl-C stops it gracefully.
  const trigger = new StopTrigger({ durationMs, signals: env.signals, clock, onForceExit: env.exit });
  let watch: TimerHandle | null = null;
  let progress: ProgressReporter | null = null;
  let ui: UiServer | null = null;

  try {
    // From the file, not the loaded object: with workers above 1 each worker thread imports it.
    if (options.ui === true) {
      // Listening first: a port in use fails the command before the topology starts.
      ui = new UiServer({
        backend: new LocalBackend(cluster, () => trigger.fire('killed')),
        version: packageVersion(),
        logger,
      });
      const host = options.uiHost ?? '127.0.0.1';
      const url = await ui.listen(host, uiPort).catch((err: unknown) => {
        throw new UsageError(
          `--ui-port ${uiPort}: cannot listen on ${host}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      stderr.write(`UI: ${url}\n`);
    }
    await cluster.submitTopologyFile(name, resolve(file), config);
    trigger.startDuration();
    const startedAt = clock.now();
    stderr.write(`running '${name}' ${durationMs > 0 ? `for ${options.duration.trim()}` : 'until Ctrl-C'}\n`);

    // Kept up to date so that a crashed topology still gets a summary of what it did.
    let lastSeen: readonly ComponentSummary[] = [];
    const sample = (): readonly ComponentSummary[] | undefined => {
      if (!cluster.topologyNames().includes(name)) return undefined;
      lastSeen = inOrder(cluster.getTopology(name).components);
      return lastSeen;
    };
    watch = clock.setInterval(WATCH_MS, () => {
      if (sample() === undefined) trigger.fire('crashed');
    });
    if (options.progress) {
      const tty = stderr.isTTY === true;
      progress = new ProgressReporter({ sample, spouts, write: (t) => stderr.write(t), tty, clock });
      progress.start();
    }

    const reason = await trigger.reason;
    watch.cancel();
    progress?.stop();
    stderr.write(`stopping (${STOPPING[reason]})...\n`);
    if (reason === 'killed') {
      stderr.write(`\n${summaryTable(lastSeen, clock.now() - startedAt, spouts)}\n`);
      return 0;
    }
    if (reason === 'crashed') {
      // The cluster has dropped the topology; what it last reported is all there is.
      stderr.write(`\n${summaryTable(lastSeen, clock.now() - startedAt, spouts)}\n`);
      stderr.write(`\ngale: topology '${name}' crashed; its error is in the log above\n`);
      return 1;
    }
    const report = await cluster.killTopology(name);
    stderr.write(`\n${summaryTable(inOrder(report.components), clock.now() - startedAt, spouts)}\n`);
    if (report.errors.length > 0) stderr.write(`\nlast errors:\n${errorLines(report.errors).join('\n')}\n`);
    if (!report.drained) {
      stderr.write(`\nwarning: the drain timed out; ${report.dropped} queued tuples were dropped\n`);
    }
    return 0;
  } finally {
    watch?.cancel();
    progress?.stop();
    trigger.dispose();
    await ui?.close();
    await cluster.close();
  }
}
