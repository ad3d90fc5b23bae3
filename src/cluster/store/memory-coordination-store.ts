/**
 * `CoordinationStore` in one process, for unit tests of the daemons' logic (never for a real
 * cluster: nothing is replicated). It keeps etcd's semantics that the daemons rely on: one global
 * revision, compare-and-swap on `modRevision`, keys deleted with their lease, watch events in
 * revision order (delivered asynchronously, as over a network), elections in arrival order.
 * Leases never expire by themselves here: `crash()` plays the death of a process (every lease of
 * this client expires), `expireLease` that of one lease. `session()` is another client of the same
 * store, as another process would hold.
 */
import { GaleError } from '../../api/errors.js';
import type {
  Closeable,
  CoordinationStore,
  Entry,
  LeaseHandle,
  Leadership,
  WatchEvent,
  WriteOptions,
} from './coordination-store.js';

interface Stored {
  readonly value: Buffer;
  readonly modRevision: number;
  readonly lease: MemoryLease | null;
}

class MemoryLease implements LeaseHandle {
  #lost = false;
  #closed = false;
  readonly #handlers: (() => void)[] = [];

  constructor(
    private readonly store: MemoryCoordinationStore,
    readonly ttlSecs: number,
  ) {}

  get lost(): boolean {
    return this.#lost || this.#closed;
  }

  onLost(handler: () => void): void {
    this.#handlers.push(handler);
  }

  /** The holder died: keys go, handlers run. */
  expire(): void {
    if (this.lost) return;
    this.#lost = true;
    this.store.dropLease(this);
    for (const h of this.#handlers) h();
  }

  close(): Promise<void> {
    if (!this.lost) {
      this.#closed = true;
      this.store.dropLease(this);
    }
    return Promise.resolve();
  }
}

class MemoryLeadership implements Leadership {
  readonly elected: Promise<void>;
  #resolve!: () => void;
  #reject!: (err: Error) => void;
  #leader = false;
  #closed = false;
  readonly #handlers: (() => void)[] = [];

  constructor(
    readonly candidate: string,
    readonly election: string,
    readonly lease: MemoryLease,
    private readonly store: MemoryCoordinationStore,
  ) {
    this.elected = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.elected.catch(() => undefined);
    lease.onLost(() => {
      const was = this.#leader;
      this.#leader = false;
      this.store.withdraw(this);
      this.#reject(new Error(`campaign of '${candidate}' lost its lease`));
      if (was && !this.#closed) for (const h of this.#handlers) h();
    });
  }

  isLeader(): boolean {
    return this.#leader && !this.#closed;
  }

  onLost(handler: () => void): void {
    this.#handlers.push(handler);
  }

  becomeLeader(): void {
    this.#leader = true;
    this.#resolve();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#leader = false;
    this.#reject(new Error(`'${this.candidate}' withdrew`));
    this.store.withdraw(this);
    await this.lease.close();
  }
}

/** What the clients of one memory store share. */
class SharedState {
  readonly data = new Map<string, Stored>();
  readonly watches = new Set<{ prefix: string; onEvent: (e: WatchEvent) => void }>();
  readonly elections = new Map<string, MemoryLeadership[]>();
  revision = 0;
}

export class MemoryCoordinationStore implements CoordinationStore {
  readonly #state: SharedState;
  readonly #data: Map<string, Stored>;
  readonly #watches: Set<{ prefix: string; onEvent: (e: WatchEvent) => void }>;
  readonly #elections: Map<string, MemoryLeadership[]>;
  readonly #leases = new Set<MemoryLease>();
  readonly #ownWatches = new Set<{ prefix: string; onEvent: (e: WatchEvent) => void }>();
  #closed = false;

  constructor(state: SharedState = new SharedState()) {
    this.#state = state;
    this.#data = state.data;
    this.#watches = state.watches;
    this.#elections = state.elections;
  }

  /** Another client of the same store (what another process would have). */
  session(): MemoryCoordinationStore {
    return new MemoryCoordinationStore(this.#state);
  }

  /** Plays the death of this client's process: its leases expire, its watches end. */
  crash(): void {
    for (const lease of [...this.#leases]) lease.expire();
    for (const w of this.#ownWatches) this.#watches.delete(w);
    this.#ownWatches.clear();
    this.#closed = true;
  }

  get(key: string): Promise<Entry | null> {
    return this.#run(() => {
      const s = this.#data.get(key);
      return s === undefined ? null : { key, value: s.value, modRevision: s.modRevision };
    });
  }

  list(prefix: string): Promise<Entry[]> {
    return this.#run(() => {
      const out: Entry[] = [];
      for (const [key, s] of this.#data)
        if (key.startsWith(prefix)) out.push({ key, value: s.value, modRevision: s.modRevision });
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    });
  }

  put(key: string, value: Buffer, options: WriteOptions = {}): Promise<void> {
    return this.#run(() => {
      this.#fence(options.fence);
      this.#write(key, value, options.lease);
    });
  }

  compareAndPut(key: string, value: Buffer, expected: number, options: WriteOptions = {}): Promise<boolean> {
    return this.#run(() => {
      this.#fence(options.fence);
      if ((this.#data.get(key)?.modRevision ?? 0) !== expected) return false;
      this.#write(key, value, options.lease);
      return true;
    });
  }

  delete(key: string, options: Pick<WriteOptions, 'fence'> = {}): Promise<void> {
    return this.#run(() => {
      this.#fence(options.fence);
      this.#remove(key);
    });
  }

  deletePrefix(prefix: string, options: Pick<WriteOptions, 'fence'> = {}): Promise<void> {
    return this.#run(() => {
      this.#fence(options.fence);
      for (const key of [...this.#data.keys()]) if (key.startsWith(prefix)) this.#remove(key);
    });
  }

  grantLease(ttlSecs: number): Promise<LeaseHandle> {
    return this.#run(() => {
      const lease = new MemoryLease(this, Math.max(1, Math.ceil(ttlSecs)));
      this.#leases.add(lease);
      return lease;
    });
  }

  /** Plays the death of a lease's holder: its keys are deleted, its handlers called. */
  expireLease(lease: LeaseHandle): void {
    if (!(lease instanceof MemoryLease)) throw new Error('memory store: a lease of another store');
    lease.expire();
  }

  /** Plays the death of a campaign's holder (its lease expires). */
  expireLeadership(leadership: Leadership): void {
    if (!(leadership instanceof MemoryLeadership))
      throw new Error('memory store: a campaign of another store');
    leadership.lease.expire();
  }

  watchPrefix(prefix: string, onEvent: (event: WatchEvent) => void): Promise<Closeable> {
    return this.#run(() => {
      const watch = { prefix, onEvent };
      this.#watches.add(watch);
      this.#ownWatches.add(watch);
      return {
        close: () => {
          this.#watches.delete(watch);
          this.#ownWatches.delete(watch);
          return Promise.resolve();
        },
      };
    });
  }

  campaign(name: string, candidate: string, ttlSecs: number): Leadership {
    this.#open();
    const lease = new MemoryLease(this, ttlSecs);
    this.#leases.add(lease);
    const leadership = new MemoryLeadership(candidate, name, lease, this);
    const queue = this.#elections.get(name) ?? [];
    this.#elections.set(name, queue);
    queue.push(leadership);
    if (queue.length === 1) queueMicrotask(() => leadership.becomeLeader());
    return leadership;
  }

  leader(name: string): Promise<string | null> {
    return this.#run(() => {
      const first = this.#elections.get(name)?.[0];
      return first?.isLeader() === true ? first.candidate : null;
    });
  }

  /** Closes this client: its leases are revoked, its campaigns withdrawn, its watches ended. */
  async close(): Promise<void> {
    if (this.#closed) return;
    for (const queue of this.#elections.values())
      for (const l of [...queue]) if (this.#leases.has(l.lease)) await l.close();
    for (const lease of [...this.#leases]) await lease.close();
    for (const w of this.#ownWatches) this.#watches.delete(w);
    this.#ownWatches.clear();
    this.#closed = true;
  }

  /** @internal A lease ended: its keys go. */
  dropLease(lease: MemoryLease): void {
    this.#leases.delete(lease);
    for (const [key, s] of [...this.#data]) if (s.lease === lease) this.#remove(key);
  }

  /** @internal A candidate left its election; the next one (if any) leads. */
  withdraw(leadership: MemoryLeadership): void {
    const queue = this.#elections.get(leadership.election);
    if (queue === undefined) return;
    const at = queue.indexOf(leadership);
    if (at < 0) return;
    queue.splice(at, 1);
    const next = queue[0];
    if (at === 0 && next !== undefined) queueMicrotask(() => next.becomeLeader());
  }

  #fence(fence: Leadership | undefined): void {
    if (fence !== undefined && !fence.isLeader())
      throw new GaleError('NOT_LEADER', `'${fence.candidate}' is not the leader (any more): write refused`, {
        domain: 'external',
      });
  }

  #write(key: string, value: Buffer, lease: LeaseHandle | undefined): void {
    if (lease !== undefined && !(lease instanceof MemoryLease))
      throw new Error('memory store: a lease of another store');
    if (lease?.lost === true)
      throw new GaleError('STORE_UNAVAILABLE', `put ${key}: the lease is gone`, { domain: 'external' });
    const stored: Stored = {
      value: Buffer.from(value),
      modRevision: ++this.#state.revision,
      lease: lease ?? null,
    };
    this.#data.set(key, stored);
    this.#emit({ type: 'put', key, value: stored.value });
  }

  #remove(key: string): void {
    if (!this.#data.delete(key)) return;
    this.#state.revision++;
    this.#emit({ type: 'delete', key });
  }

  #emit(event: WatchEvent): void {
    for (const w of this.#watches) {
      if (!event.key.startsWith(w.prefix)) continue;
      const deliver = w.onEvent;
      queueMicrotask(() => {
        if (this.#watches.has(w)) deliver(event);
      });
    }
  }

  /** Runs a call as a store would: errors as a rejected promise, never thrown. */
  #run<T>(fn: () => T): Promise<T> {
    try {
      this.#open();
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  #open(): void {
    if (this.#closed) throw new GaleError('CLUSTER_CLOSED', 'the memory store is closed');
  }
}
