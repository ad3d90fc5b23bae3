/**
 * `CoordinationStore` on etcd through the `etcd3` client: every key lives under one prefix (a
 * namespace per cluster), leases keep themselves alive, watches and the election come from etcd
 * itself. Unary calls have a deadline, so a request in flight when an etcd member dies fails fast
 * and is retried by the caller on another member rather than hanging (see
 * ../shared/reference/infra.md). A call that fails for want of etcd is `STORE_UNAVAILABLE` naming
 * the endpoints.
 */
import { Etcd3, Lease, type Campaign, type IKeyValue, type Watcher } from 'etcd3';
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

export interface EtcdStoreOptions {
  /** Client URLs of the etcd members, e.g. `http://127.0.0.1:2379`. */
  readonly endpoints: readonly string[];
  /** Prefix of every key of this cluster (default `/gale/`). */
  readonly prefix?: string;
  /** Deadline of each unary call (default 2000 ms). */
  readonly callTimeoutMs?: number;
}

function notLeader(candidate: string): GaleError {
  return new GaleError('NOT_LEADER', `'${candidate}' is not the leader (any more): write refused`, {
    domain: 'external',
  });
}

class EtcdLease implements LeaseHandle {
  #lost = false;
  #closed = false;
  readonly #handlers: (() => void)[] = [];

  constructor(
    readonly lease: Lease,
    readonly id: string,
    readonly ttlSecs: number,
  ) {
    lease.on('lost', () => {
      if (this.#closed || this.#lost) return;
      this.#lost = true;
      for (const h of this.#handlers) h();
    });
  }

  get lost(): boolean {
    return this.#lost || this.#closed;
  }

  onLost(handler: () => void): void {
    this.#handlers.push(handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.lease.revoke();
    } catch {
      // Unreachable etcd: the lease expires by itself after its TTL.
      this.lease.release();
    }
  }
}

class EtcdLeadership implements Leadership {
  readonly elected: Promise<void>;
  #leader = false;
  #closed = false;
  readonly #handlers: (() => void)[] = [];

  constructor(
    readonly candidate: string,
    readonly campaign: Campaign,
  ) {
    this.elected = new Promise<void>((resolve, reject) => {
      campaign.on('elected', () => {
        if (this.#closed) return;
        this.#leader = true;
        resolve();
      });
      campaign.on('error', (err: Error) => {
        const was = this.#leader;
        this.#leader = false;
        reject(err);
        if (was && !this.#closed) for (const h of this.#handlers) h();
      });
    });
    // Nobody may await `elected` (a standby that is closed first): no unhandled rejection.
    this.elected.catch(() => undefined);
  }

  isLeader(): boolean {
    return this.#leader && !this.#closed;
  }

  onLost(handler: () => void): void {
    this.#handlers.push(handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#leader = false;
    try {
      await this.campaign.resign();
    } catch {
      // etcd unreachable: the campaign's lease expires by itself.
    }
  }
}

export class EtcdCoordinationStore implements CoordinationStore {
  readonly #client: Etcd3;
  readonly #prefix: string;
  readonly #endpoints: readonly string[];
  readonly #closeables = new Set<Closeable>();
  #closed = false;

  constructor(options: EtcdStoreOptions) {
    if (options.endpoints.length === 0) throw new Error('etcd store: no endpoints');
    this.#endpoints = options.endpoints;
    this.#prefix = options.prefix ?? '/gale/';
    const timeout = options.callTimeoutMs ?? 2000;
    this.#client = new Etcd3({
      hosts: [...options.endpoints],
      dialTimeout: timeout,
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeout }),
    });
  }

  async get(key: string): Promise<Entry | null> {
    const res = await this.#call(`get ${key}`, () => this.#client.get(this.#key(key)).exec());
    const kv = res.kvs[0];
    return kv === undefined ? null : this.#entry(kv);
  }

  async list(prefix: string): Promise<Entry[]> {
    const res = await this.#call(`list ${prefix}`, () =>
      this.#client.getAll().prefix(this.#key(prefix)).sort('Key', 'Ascend').exec(),
    );
    return res.kvs.map((kv) => this.#entry(kv));
  }

  async put(key: string, value: Buffer, options: WriteOptions = {}): Promise<void> {
    const put = this.#client.put(this.#key(key)).value(value);
    if (options.lease !== undefined) put.lease(this.#leaseId(options.lease));
    if (options.fence === undefined) {
      await this.#call(`put ${key}`, () => put.exec());
      return;
    }
    const fence = options.fence;
    const campaignKey = await this.#campaignKey(fence);
    const res = await this.#call(`put ${key}`, () =>
      this.#client.if(campaignKey, 'Create', '>', 0).then(put).commit(),
    );
    if (!res.succeeded) throw notLeader(fence.candidate);
  }

  async compareAndPut(
    key: string,
    value: Buffer,
    expected: number,
    options: WriteOptions = {},
  ): Promise<boolean> {
    const put = this.#client.put(this.#key(key)).value(value);
    if (options.lease !== undefined) put.lease(this.#leaseId(options.lease));
    const txn = this.#client.if(this.#key(key), 'Mod', '==', expected);
    const fence = options.fence;
    const campaignKey = fence === undefined ? null : await this.#campaignKey(fence);
    if (campaignKey !== null) txn.and(campaignKey, 'Create', '>', 0);
    const res = await this.#call(`compare-and-put ${key}`, () => txn.then(put).commit());
    if (res.succeeded) return true;
    if (campaignKey !== null && fence !== undefined) {
      const held = await this.#call('leader check', () => this.#client.get(campaignKey).exists());
      if (!held) throw notLeader(fence.candidate);
    }
    return false;
  }

  async delete(key: string, options: Pick<WriteOptions, 'fence'> = {}): Promise<void> {
    await this.#delete(key, false, options.fence);
  }

  async deletePrefix(prefix: string, options: Pick<WriteOptions, 'fence'> = {}): Promise<void> {
    await this.#delete(prefix, true, options.fence);
  }

  async grantLease(ttlSecs: number): Promise<LeaseHandle> {
    const lease = this.#client.lease(Math.max(1, Math.ceil(ttlSecs)));
    try {
      const id = await this.#call('grant lease', () => lease.grant());
      const handle = new EtcdLease(lease, id, ttlSecs);
      this.#track(handle);
      return handle;
    } catch (err) {
      lease.release();
      throw err;
    }
  }

  async watchPrefix(prefix: string, onEvent: (event: WatchEvent) => void): Promise<Closeable> {
    const full = this.#key(prefix);
    const watcher: Watcher = await this.#call(`watch ${prefix}`, () =>
      this.#client.watch().prefix(full).create(),
    );
    watcher.on('put', (kv) => onEvent({ type: 'put', key: this.#strip(kv.key), value: kv.value }));
    watcher.on('delete', (kv) => onEvent({ type: 'delete', key: this.#strip(kv.key) }));
    // A watch reconnects by itself; errors between attempts are not the caller's to handle.
    watcher.on('error', () => undefined);
    let closed = false;
    const handle: Closeable = {
      close: async () => {
        if (closed) return;
        closed = true;
        this.#closeables.delete(handle);
        await watcher.cancel().catch(() => undefined);
      },
    };
    this.#track(handle);
    return handle;
  }

  campaign(name: string, candidate: string, ttlSecs: number): Leadership {
    const election = this.#client.namespace(this.#prefix).election(name, Math.max(1, Math.ceil(ttlSecs)));
    const leadership = new EtcdLeadership(candidate, election.campaign(candidate));
    this.#track(leadership);
    return leadership;
  }

  async leader(name: string): Promise<string | null> {
    const election = this.#client.namespace(this.#prefix).election(name);
    return (await this.#call(`leader of ${name}`, () => election.leader())) ?? null;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const held = [...this.#closeables];
    this.#closeables.clear();
    await Promise.all(held.map((c) => c.close()));
    this.#client.close();
  }

  /**
   * Drops the connection as a crash would: nothing is revoked or resigned, so this client's leases
   * (and the keys and campaigns under them) expire after their TTL. For tests of failure handling.
   */
  abandon(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const c of this.#closeables) {
      if (c instanceof EtcdLease) c.lease.release();
      // A campaign keeps its own lease (private in etcd3), and closing the client does not stop
      // its keep-alive.
      if (c instanceof EtcdLeadership) {
        const lease: unknown = Reflect.get(c.campaign, 'lease');
        if (lease instanceof Lease) lease.release();
      }
    }
    this.#closeables.clear();
    this.#client.close();
  }

  #track(c: Closeable): void {
    this.#closeables.add(c);
  }

  async #delete(key: string, prefix: boolean, fence: Leadership | undefined): Promise<void> {
    const del = this.#client.delete();
    if (prefix) del.prefix(this.#key(key));
    else del.key(this.#key(key));
    if (fence === undefined) {
      await this.#call(`delete ${key}`, () => del.exec());
      return;
    }
    const campaignKey = await this.#campaignKey(fence);
    const res = await this.#call(`delete ${key}`, () =>
      this.#client.if(campaignKey, 'Create', '>', 0).then(del).commit(),
    );
    if (!res.succeeded) throw notLeader(fence.candidate);
  }

  async #campaignKey(fence: Leadership): Promise<string> {
    if (!(fence instanceof EtcdLeadership) || !fence.isLeader()) throw notLeader(fence.candidate);
    return this.#call('campaign key', () => fence.campaign.getCampaignKey());
  }

  #leaseId(lease: LeaseHandle): string {
    if (!(lease instanceof EtcdLease)) throw new Error('etcd store: a lease of another store');
    return lease.id;
  }

  #key(key: string): string {
    return this.#prefix + key;
  }

  #strip(key: Buffer): string {
    return key.toString('utf8').slice(this.#prefix.length);
  }

  #entry(kv: IKeyValue): Entry {
    return { key: this.#strip(kv.key), value: kv.value, modRevision: Number(kv.mod_revision) };
  }

  async #call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new GaleError('CLUSTER_CLOSED', 'the etcd store is closed');
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GaleError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new GaleError(
        'STORE_UNAVAILABLE',
        `etcd at ${this.#endpoints.join(', ')}: ${what} failed: ${message}`,
        { domain: 'external', retryable: true, cause: err },
      );
    }
  }
}
