/**
 * Local mode across processes, for tests: N worker processes (src/cluster/worker/worker-main.ts)
 * on loopback TCP with a fixed round-robin assignment, without any daemon. The test process plays
 * the supervisor: it starts the workers, tells each the assignment and the others' addresses,
 * and stops them gracefully (deactivate, wait until nothing is queued anywhere, stop).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerReport } from '../../src/cluster/worker/ipc-protocol.js';
import { loadTopologyModule } from '../../src/runtime/plan/load-topology-module.js';
import { assignRoundRobin } from '../../src/local/local-topology.js';
import { awaitQuiet } from '../../src/local/await-quiet.js';
import { runtimeTopology, TaskPlan } from '../../src/runtime/index.js';
import { waitFor } from './wait-for.js';

// dist/test/helpers/process-cluster.js -> dist/src/cluster/worker/worker-main.js
const WORKER_MAIN = fileURLToPath(new URL('../../src/cluster/worker/worker-main.js', import.meta.url));

type Report<T extends WorkerReport['type']> = Extract<WorkerReport, { type: T }>;

class WorkerHandle {
  readonly reports: WorkerReport[] = [];
  readonly stderr: string[] = [];
  exitCode: number | null = null;

  constructor(
    readonly id: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (m) => this.reports.push(m as WorkerReport));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => this.stderr.push(s));
    child.on('exit', (code) => (this.exitCode = code ?? -1));
  }

  send(command: WorkerCommand): void {
    this.child.send(command);
  }

  /** The next report of `type` after the first `skip` of them. */
  async next<T extends WorkerReport['type']>(type: T, skip = 0, timeoutMs = 20_000): Promise<Report<T>> {
    const find = (): Report<T> | undefined =>
      this.reports.filter((r): r is Report<T> => r.type === type)[skip];
    await waitFor(
      () => {
        const err = this.reports.find((r) => r.type === 'error');
        if (err !== undefined) throw new Error(`worker ${this.id}: ${err.message}\n${this.stderr.join('')}`);
        if (this.exitCode !== null && find() === undefined)
          throw new Error(`worker ${this.id} exited (${this.exitCode})\n${this.stderr.join('')}`);
        return find() !== undefined;
      },
      { timeoutMs, message: `worker ${this.id}: no '${type}' report` },
    );
    return find()!;
  }

  count(type: WorkerReport['type']): number {
    return this.reports.filter((r) => r.type === type).length;
  }
}

export interface ProcessClusterOptions {
  /** A compiled topology module (a .js file). */
  readonly topologyFile: string;
  readonly workers: number;
  /** Config over the module's (`workers` is set from `workers`). */
  readonly config?: Record<string, unknown>;
}

export class ProcessCluster implements AsyncDisposable {
  readonly workers: WorkerHandle[] = [];
  /** Task ids of each worker, by worker id. */
  assignment: Record<string, number[]> = {};

  static async start(options: ProcessClusterOptions): Promise<ProcessCluster> {
    const cluster = new ProcessCluster();
    try {
      await cluster.#start(options);
    } catch (err) {
      cluster.kill();
      throw err;
    }
    return cluster;
  }

  async #start({ topologyFile, workers, config = {} }: ProcessClusterOptions): Promise<void> {
    const merged = { ...config, workers };
    const topology = await loadTopologyModule(topologyFile, merged);
    const tasks = assignRoundRobin(new TaskPlan(runtimeTopology(topology)), workers);
    for (let i = 0; i < workers; i++) {
      const id = `w${i + 1}`;
      this.assignment[id] = tasks[i]!;
      const child = fork(WORKER_MAIN, [], {
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
        execArgv: ['--expose-gc'],
      });
      this.workers.push(new WorkerHandle(id, child));
    }
    for (const w of this.workers) {
      w.send({
        type: 'start',
        topologyFile,
        topologyName: 'process-cluster',
        workerId: w.id,
        config: merged,
      });
    }
    const addresses: Record<string, { host: string; port: number }> = {};
    for (const w of this.workers) addresses[w.id] = (await w.next('listening')).address;
    for (const w of this.workers) w.send({ type: 'assign', assignment: this.assignment, addresses });
    for (const w of this.workers) await w.next('started');
  }

  /** Each worker's status, asked now (`gc`: after a full collection). */
  async statuses(gc = false): Promise<Report<'status'>[]> {
    const skips = this.workers.map((w) => w.count('status'));
    for (const w of this.workers) w.send({ type: 'status', gc });
    return Promise.all(this.workers.map((w, i) => w.next('status', skips[i])));
  }

  /** Sums of every worker's status, asked now. */
  async status(): Promise<{ queued: number; emitted: number; executed: number }> {
    const all = await this.statuses();
    return all.reduce(
      (a, s) => ({
        queued: a.queued + s.queued,
        emitted: a.emitted + s.emitted,
        executed: a.executed + s.executed,
      }),
      { queued: 0, emitted: 0, executed: 0 },
    );
  }

  /**
   * Deactivates every spout, waits until nothing is queued anywhere and the counters stand still
   * (nothing in flight between processes either), then stops every worker.
   */
  async drainAndStop(timeoutMs = 20_000): Promise<Report<'stopped'>[]> {
    for (const w of this.workers) w.send({ type: 'deactivate' });
    const quiet = await awaitQuiet(async () => {
      const s = await this.status();
      return { queued: s.queued, key: `${s.emitted}/${s.executed}` };
    }, Date.now() + timeoutMs);
    if (!quiet) throw new Error(`the workers did not drain within ${timeoutMs} ms`);
    for (const w of this.workers) w.send({ type: 'stop', drainTimeoutMs: 5000 });
    const stopped = await Promise.all(this.workers.map((w) => w.next('stopped')));
    await waitFor(() => this.workers.every((w) => w.exitCode !== null), { message: 'workers exited' });
    return stopped;
  }

  /** Kills every worker still running (by PID, the ones this cluster started). Idempotent. */
  kill(): void {
    for (const w of this.workers) if (w.exitCode === null) w.child.kill('SIGKILL');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.kill();
    await waitFor(() => this.workers.every((w) => w.exitCode !== null), { message: 'workers killed' });
  }
}
