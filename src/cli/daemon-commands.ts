/**
 * The daemons: `gale nimbus` and `gale supervisor`. Each logs JSON lines (pino) on stderr, readable
 * lines on a terminal, waits for etcd if it is not there yet, runs until SIGTERM or SIGINT, then
 * leaves the cluster cleanly (a supervisor stops its workers first). Settings are validated before
 * anything starts. A supervisor also serves its workers' logs over HTTP (`--log-port`).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Nimbus } from '../cluster/nimbus/nimbus.js';
import { RoundRobinScheduler } from '../cluster/nimbus/round-robin-scheduler.js';
import { workerLogFileName } from '../cluster/supervisor/log-files.js';
import { LogRotator } from '../cluster/supervisor/log-rotator.js';
import { LogServer } from '../cluster/supervisor/log-server.js';
import { Supervisor, type WorkerLaunch } from '../cluster/supervisor/supervisor.js';
import type { ClusterWorkerArgs } from '../cluster/worker/cluster-worker-main.js';
import { supervisorIdSchema } from '../cluster/store/records.js';
import { createProcessLogger, type Logger } from '../runtime/index.js';
import { clusterSettings, type ClusterFlags } from './cluster-settings.js';
import { connectStore } from './connect-store.js';
import { parseLogLevel } from './log-level.js';
import { pidFile } from '../multilang/shell-setup.js';
import { closeOnSignal, untilSignal } from './until-signal.js';
import { UsageError } from './usage-error.js';

const WORKER_MAIN = fileURLToPath(new URL('../cluster/worker/cluster-worker-main.js', import.meta.url));

export interface DaemonFlags extends ClusterFlags {
  readonly id?: string;
  readonly logLevel?: string;
}

export function daemonLogger(flags: DaemonFlags, name: string): Logger {
  return createProcessLogger({
    name,
    level: parseLogLevel(flags.logLevel ?? 'info'),
    pretty: process.stderr.isTTY === true,
  });
}

export async function nimbusCommand(flags: DaemonFlags): Promise<number> {
  const settings = clusterSettings(flags);
  const logger = daemonLogger(flags, 'gale-nimbus');
  const id = flags.id ?? `${hostname()}:${process.pid}`;
  const store = await connectStore(settings, {
    retry: true,
    notice: (line) => logger.warn({ etcd: settings.etcd }, line),
    onInvalid: (key, problem) => logger.warn({ key, problem }, 'invalid record in the cluster store'),
  });
  const nimbus = new Nimbus({
    store,
    id,
    ttlSecs: settings.ttlSecs,
    scheduler: new RoundRobinScheduler(),
    logger,
  });
  logger.info({ nimbus: id, etcd: settings.etcd, prefix: settings.prefix }, 'nimbus up; campaigning');
  const stopped = untilSignal();
  void nimbus.start().catch((err: unknown) => logger.error({ err: String(err) }, 'nimbus failed'));
  return closeOnSignal(stopped, logger, 'nimbus stopping', [nimbus, store.coordination]);
}

export interface SupervisorFlags extends DaemonFlags {
  readonly slots?: string;
  readonly ports?: string;
  readonly host?: string;
  readonly logDir?: string;
  readonly logPort?: string;
  readonly bundleDir?: string;
  readonly workerLogLevel?: string;
  readonly logMaxMb?: string;
  readonly logKeep?: string;
}

function intFlag(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} ${value}: expected an integer from ${min} to ${max}`);
  return n;
}

function positiveInt(flag: string, value: string, max: number): number {
  return intFlag(flag, value, 1, max);
}

export async function supervisorCommand(flags: SupervisorFlags): Promise<number> {
  const settings = clusterSettings(flags);
  const slots = positiveInt('--slots', flags.slots ?? '4', 64);
  const base = positiveInt('--ports', flags.ports ?? '6700', 65_535 - slots);
  const ports = Array.from({ length: slots }, (_, i) => base + i);
  const host = flags.host ?? '127.0.0.1';
  // Workers listen on it and it is published in the cluster for other machines to dial.
  if (['0.0.0.0', '::', '[::]', ''].includes(host))
    throw new UsageError(
      `--host ${JSON.stringify(host)}: give the address other machines reach this one at, not a wildcard (workers and the log server listen on it, and it is published in the cluster)`,
    );
  const id = flags.id ?? `${hostname()}-${base}`;
  const checkedId = supervisorIdSchema.safeParse(id);
  if (!checkedId.success)
    throw new UsageError(`--id ${id}: ${checkedId.error.issues[0]?.message ?? 'invalid'}`);
  const logDir = flags.logDir ?? join(tmpdir(), 'gale-logs', id);
  const logPort = flags.logPort === undefined ? 0 : Number(flags.logPort);
  if (!/^\d+$/.test(flags.logPort ?? '0') || logPort > 65_535)
    throw new UsageError(`--log-port ${flags.logPort}: expected a port from 0 (any free one) to 65535`);
  const bundleDir = flags.bundleDir ?? join(tmpdir(), 'gale-bundles');
  const workerLogLevel = parseLogLevel(flags.workerLogLevel ?? 'info', '--worker-log-level');
  const logMaxMb = intFlag('--log-max-mb', flags.logMaxMb ?? '100', 0, 1_000_000);
  const logKeep = intFlag('--log-keep', flags.logKeep ?? '3', 0, 100);
  mkdirSync(logDir, { recursive: true });
  const logger = daemonLogger(flags, 'gale-supervisor');
  const store = await connectStore(settings, {
    retry: true,
    notice: (line) => logger.warn({ etcd: settings.etcd }, line),
    onInvalid: (key, problem) => logger.warn({ key, problem }, 'invalid record in the cluster store'),
  });
  const spawnWorker = (launch: WorkerLaunch) => {
    const args: ClusterWorkerArgs = {
      endpoints: settings.etcd,
      prefix: settings.prefix,
      topology: launch.topology,
      supervisor: launch.supervisor,
      host: launch.host,
      port: launch.port,
      heartbeatTtlSecs: launch.heartbeatTtlSecs,
      bundleDir,
      logLevel: workerLogLevel,
    };
    const log = openSync(join(logDir, workerLogFileName(launch.topology, launch.port)), 'a');
    try {
      return spawn(process.execPath, [WORKER_MAIN, JSON.stringify(args)], { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
  };
  const logServer = new LogServer({ dir: logDir, host, port: logPort, supervisor: id, logger });
  let logUrl: string;
  try {
    logUrl = await logServer.listen();
  } catch (err) {
    await store.coordination.close();
    throw new UsageError(
      `--log-port ${logPort}: cannot serve logs on ${host}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const supervisor = new Supervisor({
    store,
    id,
    host,
    logUrl,
    slots: ports,
    ttlSecs: settings.ttlSecs,
    spawnWorker,
    onWorkerExit: (pid) => {
      const killed = pidFile.killLeftBy(pid);
      if (killed.length > 0)
        logger.warn({ supervisor: id, pid, killed }, 'killed the shell subprocesses a dead worker left');
    },
    logger,
  });
  const rotator = new LogRotator({ dir: logDir, maxBytes: logMaxMb * 2 ** 20, keep: logKeep, logger });
  const stopped = untilSignal();
  await supervisor.start();
  rotator.start();
  logger.info({ supervisor: id, slots: ports, logDir, logUrl, etcd: settings.etcd }, 'supervisor up');
  return closeOnSignal(stopped, logger, 'supervisor stopping its workers', [
    supervisor,
    rotator,
    logServer,
    store.coordination,
  ]);
}
