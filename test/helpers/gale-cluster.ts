/**
 * A whole Gale cluster on loopback for tests: a real etcd, and nimbus and supervisor daemons
 * started through the CLI (`dist/src/cli/main.js`) as separate processes, each with its log in a
 * temporary directory. Everything is stopped by PID at the end; `kill()` plays crashes. Also runs
 * one-shot CLI commands (`submit`, `kill`, ...) and reads the cluster's state from its store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ClusterStore } from '../../src/cluster/store/cluster-store.js';
import { EtcdCoordinationStore } from '../../src/cluster/store/etcd-coordination-store.js';
import { startEtcd, type EtcdCluster } from './etcd-server.js';
import { processesWhere } from './processes.js';
import { waitFor } from './wait-for.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
/** The word count of the cluster tests (test/fixtures/cluster-word-count.ts). */
export const WORD_COUNT_FIXTURE = fileURLToPath(
  new URL('../fixtures/cluster-word-count.js', import.meta.url),
);

export interface Daemon {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<void>;
  alive(): boolean;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `gale <args>` (the built CLI) and waits for it, 60 s at most. */
export function runGale(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gale ${args.join(' ')} did not finish in 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export class GaleCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'gale-cluster-'));
  readonly prefix = `/gale-${randomUUID()}/`;
  readonly daemons: Daemon[] = [];
  store!: ClusterStore;
  #etcd!: EtcdCluster;

  constructor(
    readonly ttlSecs = 1,
    private readonly etcdMembers: 1 | 3 = 1,
  ) {}

  get etcd(): EtcdCluster {
    return this.#etcd;
  }

  async start(): Promise<void> {
    this.#etcd = await startEtcd(this.etcdMembers);
    this.store = new ClusterStore(
      new EtcdCoordinationStore({ endpoints: this.#etcd.endpoints, prefix: this.prefix }),
    );
  }

  #clusterArgs(): string[] {
    return ['--etcd', this.#etcd.endpoints.join(','), '--prefix', this.prefix, '--ttl', String(this.ttlSecs)];
  }

  #spawn(name: string, args: readonly string[]): Daemon {
    const log = openSync(join(this.dir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', log, log] });
    closeSync(log);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const daemon: Daemon = {
      name,
      child,
      pid: child.pid ?? -1,
      exited,
      alive: () => child.exitCode === null && child.signalCode === null,
    };
    this.daemons.push(daemon);
    return daemon;
  }

  nimbus(id: string): Daemon {
    return this.#spawn(`nimbus-${id}`, ['nimbus', '--id', id, ...this.#clusterArgs()]);
  }

  /** `gale supervisor` with `slots` slots from `firstPort`; `extra` flags are added (`--worker-log-level debug`). */
  supervisor(id: string, slots: number, firstPort: number, extra: readonly string[] = []): Daemon {
    return this.#spawn(`supervisor-${id}`, [
      'supervisor',
      '--id',
      id,
      '--slots',
      String(slots),
      '--ports',
      String(firstPort),
      '--log-dir',
      join(this.dir, `workers-${id}`),
      '--bundle-dir',
      join(this.dir, 'bundles'),
      ...extra,
      ...this.#clusterArgs(),
    ]);
  }

  /** `gale ui` on `port` of 127.0.0.1, refreshing from this cluster's store. */
  ui(port: number): Daemon {
    return this.#spawn(`ui-${port}`, ['ui', '--port', String(port), ...this.#clusterArgs()]);
  }

  /** Waits until `count` supervisors are registered (20 s at most). */
  async untilSupervisors(count: number): Promise<void> {
    await waitFor(async () => (await this.store.listSupervisors()).length === count, {
      timeoutMs: 20_000,
      intervalMs: 50,
      message: `${count} supervisors registered`,
    });
  }

  /**
   * Submits the cluster word count as `name` with `gale submit`, its traces going to `out`; one
   * emit every `paceMs` per spout task (0: as fast as it goes).
   */
  async submitWordCount(
    name: string,
    out: string,
    options: { readonly sentences: number; readonly workers: number; readonly paceMs?: number },
  ): Promise<CliResult> {
    const config = join(this.dir, `${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({ user: { outDir: out, sentences: options.sentences, paceMs: options.paceMs ?? 0 } }),
    );
    return this.cli([
      'submit',
      WORD_COUNT_FIXTURE,
      '--name',
      name,
      '--workers',
      String(options.workers),
      '--config',
      config,
    ]);
  }

  /** Runs `gale <args>` against this cluster and waits for it (60 s at most). */
  cli(args: readonly string[]): Promise<CliResult> {
    return runGale([...args, ...this.#clusterArgs()]);
  }

  /** The log of a daemon, or of every worker (for failure messages). */
  logs(): string {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (f.name.endsWith('.log'))
          out.push(`--- ${p}\n${readFileSync(p, 'utf8').split('\n').slice(-15).join('\n')}`);
      }
    };
    walk(this.dir);
    return out.join('\n');
  }

  /**
   * Worker processes of this cluster still running (found by the cluster's unique key prefix in
   * their command line): after a supervisor was SIGKILLed, its workers live on, as on a real machine
   * whose supervisor crashed.
   */
  workerPids(): number[] {
    return processesWhere((cmd) => cmd.includes('cluster-worker-main') && cmd.includes(this.prefix));
  }

  async stop(): Promise<void> {
    // Daemons first (a supervisor stops its workers), then orphaned workers, then etcd.
    for (const d of [...this.daemons].reverse()) {
      if (!d.alive()) continue;
      d.child.kill('SIGTERM');
      const timer = setTimeout(() => d.child.kill('SIGKILL'), 15_000);
      await d.exited;
      clearTimeout(timer);
    }
    for (const pid of this.workerPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await this.store.coordination.close();
    await this.#etcd.stop();
    // GALE_TEST_KEEP=1 keeps the logs and outputs for a look after the test.
    if (process.env['GALE_TEST_KEEP'] === undefined) rmSync(this.dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${this.dir}\n`);
  }
}
