/**
 * The master. Several may run; they campaign in the cluster store's election and one leads. The
 * leader keeps every topology's assignment right:
 *
 * - a new topology gets workers on free slots (the `Scheduler` decides where);
 * - when a supervisor disappears (its lease expired: the machine died), or a worker's heartbeat has
 *   been missing for `workerTimeoutSecs` while its supervisor lives, the executors there move to
 *   live slots; workers elsewhere keep theirs;
 * - a killed topology is removed once its wait has passed.
 *
 * It reacts to watches on supervisors, topologies and heartbeats (and checks every second too), and
 * writes assignments by compare-and-swap fenced by its leadership, so a deposed leader cannot
 * overwrite its successor. Workers keep running while no nimbus is alive; only changes wait.
 */
import type { Logger } from '../../runtime/index.js';
import type { ClusterStore, Versioned } from '../store/cluster-store.js';
import type { Closeable, LeaseHandle, Leadership } from '../store/coordination-store.js';
import {
  workerId,
  type AssignmentRecord,
  type TopologyRecord,
  type WorkerAssignment,
} from '../store/records.js';
import type { Scheduler } from './scheduler.js';

export interface NimbusOptions {
  readonly store: ClusterStore;
  /** This nimbus's id in the election (host:pid, say). */
  readonly id: string;
  /** TTL of the leadership lease, seconds. */
  readonly ttlSecs: number;
  readonly scheduler: Scheduler;
  /** How long a worker may go without a heartbeat before its slot is given up (default 15 s). */
  readonly workerTimeoutSecs?: number;
  readonly logger: Logger;
  /** Period of the reconciliation that runs besides the watches (default 1000 ms). */
  readonly periodMs?: number;
}

function sameWorkers(a: readonly WorkerAssignment[], b: readonly WorkerAssignment[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Nimbus {
  readonly #o: NimbusOptions;
  #leadership: Leadership | null = null;
  #watches: Closeable[] = [];
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closed = false;
  #registration: LeaseHandle | null = null;
  readonly #startedAt = Date.now();
  /** When each worker (by topology and slot) was last seen heartbeating or newly assigned. */
  readonly #lastSeen = new Map<string, number>();

  constructor(options: NimbusOptions) {
    this.#o = options;
  }

  isLeader(): boolean {
    return this.#leadership?.isLeader() === true;
  }

  /**
   * Registers this nimbus (under its own lease, again whenever the lease is lost) so that the UI
   * lists standbys too.
   */
  async #register(): Promise<void> {
    const { store, id, ttlSecs, logger } = this.#o;
    if (this.#closed) return;
    try {
      const lease = await store.coordination.grantLease(ttlSecs);
      this.#registration = lease;
      await store.putNimbus({ id, startedAt: this.#startedAt }, lease);
      lease.onLost(() => void this.#register());
    } catch (err) {
      logger.warn(
        { nimbus: id, err: err instanceof Error ? err.message : String(err) },
        'registration failed; again',
      );
      if (!this.#closed) setTimeout(() => void this.#register(), 1000).unref();
    }
  }

  /** Campaigns; resolves once elected (a standby waits here until the leader goes). */
  async start(): Promise<void> {
    const { store, id, ttlSecs, logger } = this.#o;
    if (this.#registration === null) await this.#register();
    for (;;) {
      if (this.#closed) return;
      const leadership = store.campaignForLeader(id, ttlSecs);
      this.#leadership = leadership;
      try {
        await leadership.elected;
        break;
      } catch (err) {
        if (this.#closed) return;
        logger.warn(
          { nimbus: id, err: err instanceof Error ? err.message : String(err) },
          'campaign failed; again',
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    const leadership = this.#leadership;
    logger.info({ nimbus: id }, 'elected leader');
    leadership.onLost(() => {
      logger.error({ nimbus: id }, 'leadership lost; campaigning again');
      void this.#stopLeading().then(() => this.start());
    });
    const kick = (): void => this.#schedule();
    this.#watches.push(
      await store.watchSupervisors(kick),
      await store.watchTopologies(kick),
      await store.watchHeartbeats(kick),
    );
    this.#timer = setInterval(kick, this.#o.periodMs ?? 1000);
    await this.reconcile();
  }

  /** Resigns and stops. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#stopLeading();
    await this.#leadership?.close();
    await this.#registration?.close();
  }

  async #stopLeading(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    for (const w of this.#watches) await w.close();
    this.#watches = [];
    await this.#running?.catch(() => undefined);
  }

  /** One reconciliation at a time; a request during one runs another right after. */
  #schedule(): void {
    if (this.#running !== null) {
      this.#again = true;
      return;
    }
    this.#running = this.reconcile()
      .catch((err: unknown) =>
        this.#o.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'reconcile failed; will retry',
        ),
      )
      .finally(() => {
        this.#running = null;
        if (this.#again && !this.#closed) {
          this.#again = false;
          this.#schedule();
        }
      });
  }

  /** Brings every topology's assignment in line with the live cluster (leader only). */
  async reconcile(): Promise<void> {
    const leadership = this.#leadership;
    if (leadership === null || !leadership.isLeader() || this.#closed) return;
    const { store, scheduler, logger } = this.#o;
    const [supervisors, topologies, heartbeats] = await Promise.all([
      store.listSupervisors(),
      store.listTopologies(),
      store.listHeartbeats(),
    ]);
    const now = Date.now();
    const timeoutMs = (this.#o.workerTimeoutSecs ?? 15) * 1000;
    for (const hb of heartbeats)
      this.#lastSeen.set(`${hb.topology}/${workerId(hb.supervisor, hb.port)}`, now);
    const assignments = new Map<string, Versioned<AssignmentRecord>>();
    for (const t of topologies) {
      const a = await store.getAssignment(t.name);
      if (a !== null) assignments.set(t.name, a);
    }
    const liveSupervisors = new Set(supervisors.map((s) => s.id));

    for (const t of [...topologies].sort(
      (a, b) => a.submittedAt - b.submittedAt || (a.name < b.name ? -1 : 1),
    )) {
      if (t.status === 'killed') {
        await this.#finishKill(t, leadership, now);
        continue;
      }
      const current = assignments.get(t.name);
      // Slots of other topologies are taken; so are this topology's slots whose worker has been
      // silent too long while its supervisor lives (a slot that cannot run a worker).
      const occupied = new Set<string>();
      for (const [name, a] of assignments) {
        if (name === t.name) continue;
        for (const w of a.value.workers) occupied.add(workerId(w.supervisor, w.port));
      }
      const stale = new Set<string>();
      for (const w of current?.value.workers ?? []) {
        const key = `${t.name}/${workerId(w.supervisor, w.port)}`;
        const seen = this.#lastSeen.get(key);
        if (seen === undefined) this.#lastSeen.set(key, now);
        else if (liveSupervisors.has(w.supervisor) && now - seen > timeoutMs)
          stale.add(workerId(w.supervisor, w.port));
      }
      // After a rebalance the assignment is made afresh; otherwise survivors keep their executors.
      const rebalanced = current !== undefined && current.value.rebalance !== t.rebalance;
      const currentWorkers =
        current === undefined || rebalanced
          ? undefined
          : {
              ...current.value,
              workers: current.value.workers.filter((w) => !stale.has(workerId(w.supervisor, w.port))),
            };
      const workers = scheduler.schedule({
        executors: t.executors,
        workers: t.workers,
        supervisors: supervisors.map((s) => ({
          ...s,
          slots: s.slots.filter((p) => !stale.has(workerId(s.id, p))),
        })),
        occupied,
        ...(currentWorkers === undefined ? {} : { current: currentWorkers }),
      });
      if (workers.length === 0) {
        logger.warn({ topology: t.name }, 'no free slot for the topology; waiting for supervisors');
        continue;
      }
      if (
        current !== undefined &&
        !rebalanced &&
        current.value.topologyId === t.id &&
        sameWorkers(current.value.workers, workers)
      )
        continue;
      const next: AssignmentRecord = {
        topology: t.name,
        topologyId: t.id,
        version: (current?.value.version ?? 0) + 1,
        rebalance: t.rebalance,
        workers,
      };
      const written = await store.setAssignment(next, current?.revision ?? 0, leadership);
      if (written) {
        for (const w of workers) this.#lastSeen.set(`${t.name}/${workerId(w.supervisor, w.port)}`, now);
        logger.info(
          {
            topology: t.name,
            version: next.version,
            workers: workers.map((w) => workerId(w.supervisor, w.port)),
          },
          current === undefined ? 'assigned' : 'reassigned',
        );
      } else {
        this.#again = true;
      }
    }
  }

  async #finishKill(t: TopologyRecord, leadership: Leadership, now: number): Promise<void> {
    const waitMs = (t.killWaitSecs ?? 30) * 1000;
    const killedAt = t.killedAt ?? now;
    const heartbeats = await this.#o.store.listHeartbeats(t.name);
    // Done when every worker has stopped heartbeating, or when the wait (plus a margin) is over.
    if (heartbeats.length > 0 && now - killedAt < waitMs + 10_000) return;
    // Bundles first, the record last: once a client sees the record gone, the unused bundles are
    // gone too, so a topology submitted then uploads its bundle again instead of finding it about
    // to be removed. (`gale submit` also checks its bundle is still there after registering.)
    const others = (await this.#o.store.listTopologies()).filter((o) => o.id !== t.id);
    if (!others.some((o) => o.bundle === t.bundle)) await this.#o.store.removeBundle(t.bundle, leadership);
    // Shell component directories are stored as bundles too, shared by content hash.
    for (const { hash } of t.resources ?? [])
      if (!others.some((o) => o.resources?.some((r) => r.hash === hash)))
        await this.#o.store.removeBundle(hash, leadership);
    await this.#o.store.removeTopology(t.name, leadership);
    for (const key of [...this.#lastSeen.keys()])
      if (key.startsWith(`${t.name}/`)) this.#lastSeen.delete(key);
    this.#o.logger.info({ topology: t.name }, 'killed topology removed');
  }
}
