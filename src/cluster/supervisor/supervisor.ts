/**
 * One per machine. It announces its worker slots under a lease (so its death is seen when the lease
 * expires) and makes the worker processes of this machine match the assignments:
 *
 * - a slot assigned to a topology gets a worker process; one no longer assigned is stopped
 *   (SIGTERM, then SIGKILL after `stopTimeoutMs`);
 * - a worker that exits while still assigned is started again at once, then with a backoff that
 *   doubles (up to 30 s) while it keeps exiting within a minute of its start;
 * - a worker whose process lives but whose heartbeat is gone (its lease expired: it stopped
 *   renewing), or that has not heartbeated by the end of its start-up grace, is hung: it is killed
 *   (SIGKILL) and started again.
 *
 * It reacts to the assignment watch, and checks every `periodMs` besides. Workers are separate OS
 * processes made by `spawnWorker`; their stderr (JSON log lines) goes to `logDir`.
 */
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../../runtime/index.js';
import type { ClusterStore } from '../store/cluster-store.js';
import type { Closeable, LeaseHandle } from '../store/coordination-store.js';
import { workerId } from '../store/records.js';

/** What a worker process is told: which slot of which topology it is. */
export interface WorkerLaunch {
  readonly topology: string;
  readonly topologyId: string;
  readonly supervisor: string;
  readonly host: string;
  readonly port: number;
  readonly heartbeatTtlSecs: number;
}

export interface SupervisorOptions {
  readonly store: ClusterStore;
  readonly id: string;
  /** Address workers of this machine are reached at. */
  readonly host: string;
  /** Ports of the worker slots. */
  readonly slots: readonly number[];
  /** TTL of the supervisor's lease and of its workers' heartbeats, seconds. */
  readonly ttlSecs: number;
  /** Where this machine's log server answers, registered for `gale logs`. */
  readonly logUrl?: string;
  /** Starts a worker process. */
  readonly spawnWorker: (launch: WorkerLaunch) => ChildProcess;
  /**
   * Called with the pid of every worker process that exited, for whatever reason (the CLI kills
   * the shell subprocesses a worker that died left behind).
   */
  readonly onWorkerExit?: (pid: number) => void;
  readonly logger: Logger;
  /** How long a new worker may take to heartbeat before it counts as hung (default 3 TTL + 10 s). */
  readonly startupGraceMs?: number;
  readonly stopTimeoutMs?: number;
  readonly periodMs?: number;
}

interface Running {
  readonly topology: string;
  readonly topologyId: string;
  readonly child: ChildProcess;
  readonly startedAt: number;
  exited: boolean;
  stopping: boolean;
  /** It has heartbeated at least once: from then on a missing heartbeat means hung at once. */
  beaten: boolean;
}

interface SlotHistory {
  restarts: number;
  notBefore: number;
}

const MAX_BACKOFF_MS = 30_000;

export class Supervisor {
  readonly #o: SupervisorOptions;
  readonly #running = new Map<number, Running>();
  readonly #history = new Map<number, SlotHistory>();
  #lease: LeaseHandle | null = null;
  #watch: Closeable | null = null;
  #timer: NodeJS.Timeout | null = null;
  #busy: Promise<void> | null = null;
  #again = false;
  #closed = false;

  constructor(options: SupervisorOptions) {
    this.#o = options;
  }

  /** Pids of the workers running now, by slot port. */
  workers(): Map<number, number> {
    const out = new Map<number, number>();
    for (const [port, r] of this.#running)
      if (!r.exited && r.child.pid !== undefined) out.set(port, r.child.pid);
    return out;
  }

  async start(): Promise<void> {
    await this.#register();
    this.#watch = await this.#o.store.watchAssignments(() => this.#kick());
    this.#timer = setInterval(() => this.#kick(), this.#o.periodMs ?? 500);
    await this.reconcile();
  }

  /** Stops every worker, then leaves the cluster. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    await this.#watch?.close();
    await this.#busy?.catch(() => undefined);
    await Promise.all([...this.#running.keys()].map((port) => this.#stop(port)));
    await this.#lease?.close();
  }

  async #register(): Promise<void> {
    const lease = await this.#o.store.coordination.grantLease(this.#o.ttlSecs);
    this.#lease = lease;
    await this.#o.store.putSupervisor(
      {
        id: this.#o.id,
        host: this.#o.host,
        slots: [...this.#o.slots],
        startedAt: Date.now(),
        ...(this.#o.logUrl === undefined ? {} : { logUrl: this.#o.logUrl }),
      },
      lease,
    );
    lease.onLost(() => {
      this.#o.logger.error({ supervisor: this.#o.id }, 'lease lost; registering again');
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#closed) return;
    if (this.#busy !== null) {
      this.#again = true;
      return;
    }
    this.#busy = this.reconcile()
      .catch((err: unknown) =>
        this.#o.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'supervisor check failed; will retry',
        ),
      )
      .finally(() => {
        this.#busy = null;
        if (this.#again) {
          this.#again = false;
          this.#kick();
        }
      });
  }

  /** Makes the running workers match the assignments (and heartbeats) once. */
  async reconcile(): Promise<void> {
    if (this.#closed) return;
    const { store, id, logger } = this.#o;
    if (this.#lease === null || this.#lease.lost) await this.#register();
    const wanted = new Map<number, { topology: string; topologyId: string }>();
    for (const a of await store.listAssignments()) {
      for (const w of a.workers) {
        if (w.supervisor === id && this.#o.slots.includes(w.port))
          wanted.set(w.port, { topology: a.topology, topologyId: a.topologyId });
      }
    }
    const beating = new Set(
      (await store.listHeartbeats())
        .filter((h) => h.supervisor === id)
        .map((h) => `${h.topologyId}/${h.port}/${h.pid}`),
    );
    const now = Date.now();
    const grace = this.#o.startupGraceMs ?? 3 * this.#o.ttlSecs * 1000 + 10_000;

    for (const [port, r] of this.#running) {
      const want = wanted.get(port);
      if (want === undefined || want.topologyId !== r.topologyId) {
        if (!r.stopping) {
          logger.info({ supervisor: id, port, topology: r.topology }, 'worker no longer assigned: stopping');
          void this.#stop(port);
        }
        continue;
      }
      // Its own heartbeat: the one of the process it replaced may not have expired yet.
      const beats = beating.has(`${r.topologyId}/${port}/${r.child.pid ?? -1}`);
      if (beats) r.beaten = true;
      // Silent after it beat (its lease expired), or never beat within the start-up grace.
      if (!r.exited && !r.stopping && !beats && (r.beaten || now - r.startedAt > grace)) {
        logger.error(
          { supervisor: id, port, topology: r.topology, pid: r.child.pid },
          'worker hung (no heartbeat): killing',
        );
        r.child.kill('SIGKILL');
      }
    }
    for (const [port, want] of wanted) {
      const r = this.#running.get(port);
      if (r !== undefined && !(r.exited && r.topologyId === want.topologyId)) continue;
      const history = this.#history.get(port) ?? { restarts: 0, notBefore: 0 };
      if (now < history.notBefore) continue;
      this.#launch(port, want.topology, want.topologyId, history);
    }
  }

  #launch(port: number, topology: string, topologyId: string, history: SlotHistory): void {
    const { id, host, ttlSecs, logger } = this.#o;
    const child = this.#o.spawnWorker({
      topology,
      topologyId,
      supervisor: id,
      host,
      port,
      heartbeatTtlSecs: ttlSecs,
    });
    const running: Running = {
      topology,
      topologyId,
      child,
      startedAt: Date.now(),
      exited: false,
      stopping: false,
      beaten: false,
    };
    this.#running.set(port, running);
    logger.info(
      { supervisor: id, port, topology, pid: child.pid, restarts: history.restarts },
      'worker started',
    );
    child.once('exit', (code, signal) => {
      running.exited = true;
      if (child.pid !== undefined) this.#o.onWorkerExit?.(child.pid);
      if (running.stopping || this.#closed) return;
      const lived = Date.now() - running.startedAt;
      // Quick deaths in a row back off; a worker that ran a minute starts again at once.
      history.restarts = lived > 60_000 ? 0 : history.restarts + 1;
      const delay = history.restarts <= 1 ? 0 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (history.restarts - 2));
      history.notBefore = Date.now() + delay;
      this.#history.set(port, history);
      // Exit code 0: the worker ended itself (its tasks changed, or its topology is gone).
      const log = code === 0 ? logger.info.bind(logger) : logger.warn.bind(logger);
      log(
        { supervisor: id, port, topology, worker: workerId(id, port), code, signal, restartInMs: delay },
        code === 0 ? 'worker ended itself' : 'worker exited',
      );
      this.#kick();
    });
  }

  async #stop(port: number): Promise<void> {
    const r = this.#running.get(port);
    if (r === undefined) return;
    r.stopping = true;
    if (!r.exited) {
      const exited = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
      r.child.kill('SIGTERM');
      const timer = setTimeout(() => r.child.kill('SIGKILL'), this.#o.stopTimeoutMs ?? 40_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.#running.get(port) === r) this.#running.delete(port);
  }
}
