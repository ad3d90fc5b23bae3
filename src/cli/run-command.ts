/**
 * `gale run <module>`: runs a topology module in local mode for `--duration` (or until Ctrl-C),
 * with a live progress line on stderr and a summary at the end.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { pino } from 'pino';
import {
  ConfigValidationError,
  GaleError,
  TopologyValidationError,
  type TopologyConfigInput,
} from '../api/index.js';
import { LocalCluster } from '../local/index.js';
import type { ComponentSummary } from '../runtime/index.js';
import { loadTopology } from './load-topology.js';
import { parseDuration } from './parse-duration.js';
import { progressLine, ratesBetween } from './progress.js';
import { errorLines, summaryTable } from './summary-table.js';
import { UsageError } from './usage-error.js';

export interface RunOptions {
  readonly duration: string;
  readonly config?: string;
  readonly name?: string;
  readonly progress: boolean;
  readonly logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readConfig(file: string): TopologyConfigInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--config ${file}: cannot read: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `--config ${file}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--config ${file}: expected a JSON object of topology settings`);
  }
  return parsed;
}

function topologyName(file: string, name: string | undefined): string {
  if (name !== undefined) return name;
  const base = basename(file, extname(file))
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return base.slice(0, 128) || 'topology';
}

export async function runCommand(file: string, options: RunOptions): Promise<number> {
  const durationMs = parseDuration(options.duration);
  if (!(LOG_LEVELS as readonly string[]).includes(options.logLevel)) {
    throw new UsageError(
      `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(options.logLevel)}`,
    );
  }
  const config = options.config === undefined ? {} : readConfig(options.config);
  const topology = await loadTopology(file);
  const name = topologyName(file, options.name);
  const logger = pino({ name: 'gale', level: options.logLevel }, pino.destination(2));
  const cluster = new LocalCluster({ logger });
  const spouts = new Set(
    [...topology.components.values()].filter((c) => c.kind === 'spout').map((c) => c.id),
  );

  try {
    await cluster.submitTopology(name, topology, config);
  } catch (err) {
    if (err instanceof ConfigValidationError) throw new UsageError(err.message);
    throw err;
  }
  process.stderr.write(
    `running '${name}' ${durationMs > 0 ? `for ${options.duration}` : 'until Ctrl-C'} (Ctrl-C stops it gracefully)\n`,
  );
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  let last: { at: number; components: readonly ComponentSummary[] } = { at: started, components: [] };
  let lastPrinted = started;
  const progress = options.progress
    ? setInterval(() => {
        const now = performance.now();
        const components = cluster.getTopology(name).components;
        const line = progressLine(
          ratesBetween(last.components, components, now - last.at, spouts),
          now - started,
        );
        last = { at: now, components };
        if (tty) process.stderr.write(`\r\x1b[2K${line}`);
        else if (now - lastPrinted >= 4900) {
          process.stderr.write(`${line}\n`);
          lastPrinted = now;
        }
      }, 1000)
    : null;

  let interrupts = 0;
  const stopped = new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (durationMs > 0) setTimeout(() => resolve('duration'), durationMs).unref();
  });
  const why = await stopped;
  if (progress !== null) clearInterval(progress);
  if (tty && options.progress) process.stderr.write('\r\x1b[2K');
  process.stderr.write(why === 'duration' ? 'stopping (duration reached)...\n' : `stopping (${why})...\n`);
  const elapsed = performance.now() - started;
  const report = await cluster.killTopology(name);
  await cluster.close();
  process.stderr.write(`\n${summaryTable(report.components, elapsed, spouts)}\n`);
  const errors = report.errors;
  if (errors.length > 0) process.stderr.write(`\nlast errors:\n${errorLines(errors).join('\n')}\n`);
  if (!report.drained)
    process.stderr.write(`\nwarning: drain timed out, ${report.dropped} queued tuples dropped\n`);
  return 0;
}

export function isReportable(err: unknown): err is UsageError | TopologyValidationError | GaleError {
  return err instanceof UsageError || err instanceof TopologyValidationError || err instanceof GaleError;
}
