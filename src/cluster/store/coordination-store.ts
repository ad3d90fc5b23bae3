/**
 * The coordination primitives the cluster daemons build on (ARCHITECTURE.md, "coordination on
 * etcd"): keys with revisions, compare-and-swap, leases that keep keys alive only while their holder
 * does, prefix watches, and an election. Implementations: `EtcdCoordinationStore` (the real one,
 * Raft-replicated) and `MemoryCoordinationStore` (one process, for unit tests of the daemons'
 * logic). Both pass the contract suite in test/contracts/coordination-store.contract.ts.
 *
 * Writes can be fenced by a `Leadership`: they succeed only while that leadership is held, checked
 * by the store in the same transaction, so a deposed nimbus can never overwrite what the new
 * leader wrote.
 */

/** A key as read: its value and the store revision of its last change. */
export interface Entry {
  readonly key: string;
  readonly value: Buffer;
  /** Revision of the key's last change; 0 never occurs for a key that exists. */
  readonly modRevision: number;
}

/** A change seen by a prefix watch. */
export type WatchEvent =
  | { readonly type: 'put'; readonly key: string; readonly value: Buffer }
  | { readonly type: 'delete'; readonly key: string };

/** Something that holds a resource of the store (a watch); `close()` is idempotent. */
export interface Closeable {
  close(): Promise<void>;
}

/**
 * A lease: keys put under it live as long as it is kept alive (by the store client, every third
 * of the TTL) and are deleted when it expires or is revoked.
 */
export interface LeaseHandle extends Closeable {
  readonly ttlSecs: number;
  /** True once the lease is gone (expired, revoked, or its keep-alive failed for good). */
  readonly lost: boolean;
  /** Calls `handler` once, when the lease is lost without `close()`. */
  onLost(handler: () => void): void;
  /** Revokes the lease: its keys are deleted at once. Idempotent. */
  close(): Promise<void>;
}

/** One candidate in an election; `close()` resigns (or withdraws) and is idempotent. */
export interface Leadership extends Closeable {
  readonly candidate: string;
  /** Resolves when this candidate becomes the leader; rejects if the campaign fails first. */
  readonly elected: Promise<void>;
  isLeader(): boolean;
  /** Calls `handler` once, when leadership held is lost (lease lost) rather than resigned. */
  onLost(handler: () => void): void;
}

/** Options of a write. */
export interface WriteOptions {
  /** Attach the key to this lease. */
  readonly lease?: LeaseHandle;
  /** Write only while this leadership is held; otherwise `NOT_LEADER`. */
  readonly fence?: Leadership;
}

export interface CoordinationStore extends Closeable {
  get(key: string): Promise<Entry | null>;
  /** Every key starting with `prefix`, sorted by key. */
  list(prefix: string): Promise<Entry[]>;
  put(key: string, value: Buffer, options?: WriteOptions): Promise<void>;
  /**
   * Puts `value` only if the key's `modRevision` is `expected` (0: only if the key is absent).
   * Returns whether it was written. A failed fence is `NOT_LEADER`, not `false`.
   */
  compareAndPut(key: string, value: Buffer, expected: number, options?: WriteOptions): Promise<boolean>;
  delete(key: string, options?: Pick<WriteOptions, 'fence'>): Promise<void>;
  deletePrefix(prefix: string, options?: Pick<WriteOptions, 'fence'>): Promise<void>;
  /** A lease of `ttlSecs` (at least 1), kept alive until closed or lost. */
  grantLease(ttlSecs: number): Promise<LeaseHandle>;
  /**
   * Calls `onEvent` for every change under `prefix` after the watch is established (when the
   * returned promise resolves), in revision order.
   */
  watchPrefix(prefix: string, onEvent: (event: WatchEvent) => void): Promise<Closeable>;
  /** Enters `candidate` in election `name`, held by a lease of `ttlSecs`. */
  campaign(name: string, candidate: string, ttlSecs: number): Leadership;
  /** The current leader of election `name`, or `null`. */
  leader(name: string): Promise<string | null>;
}
