/**
 * The acker's bookkeeping (Storm's `Acker`), pure: per pending root, the spout task that emitted
 * it and the XOR of every 64-bit edge id reported created or acked under it. Every edge id is
 * XORed in exactly twice (once when its tuple is created, once when it is acked), so the value is
 * zero exactly when every tuple of the tree is acked (up to a 2^-64 chance). An explicit fail marks
 * the root failed. Reports may arrive before the root's init (they come from different tasks), so
 * an entry decides only once it knows its spout task.
 *
 * Entries live in a `RotatingMap` rotated every message timeout: an entry is dropped (buckets - 1)
 * to `buckets` timeouts after it was created or last touched by a `resetTimeout`. By then its
 * spout task, whose own timeout is shorter, has failed it. Unlike Storm, an ordinary report does
 * not move its entry: that would cost a map delete and insert per report, for nothing.
 */
import { RotatingMap } from './rotating-map.js';

interface Entry {
  spoutTask: number; // -1 until the init arrives
  hi: number;
  lo: number;
  failed: boolean;
}

/** What a report led to. */
export const LEDGER_OUTCOMES = ['pending', 'complete', 'failed'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

export class AckLedger {
  readonly #pending: RotatingMap<number, Entry>;
  /** The spout task of the root the last report decided (complete or failed). */
  spoutTask = -1;

  constructor(buckets = 3) {
    this.#pending = new RotatingMap(buckets);
  }

  /** Roots still pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** The spout task `spoutTask` emitted root `root`, whose first tuples' edge ids XOR to (hi, lo). */
  init(root: number, spoutTask: number, hi: number, lo: number): LedgerOutcome {
    const e = this.#entry(root);
    e.spoutTask = spoutTask;
    e.hi ^= hi;
    e.lo ^= lo;
    return this.#decide(root, e);
  }

  /** A tuple of `root` was acked; (hi, lo) is its edge id XOR the edge ids of tuples anchored to it. */
  ack(root: number, hi: number, lo: number): LedgerOutcome {
    const e = this.#entry(root);
    e.hi ^= hi;
    e.lo ^= lo;
    return this.#decide(root, e);
  }

  /** A tuple of `root` failed: the root fails. */
  fail(root: number): LedgerOutcome {
    const e = this.#entry(root);
    e.failed = true;
    return this.#decide(root, e);
  }

  /** Restarts the timeout of `root` (a `resetTimeout` somewhere in its tree); false if unknown. */
  touch(root: number): boolean {
    const e = this.#pending.remove(root);
    if (e === undefined) return false;
    this.#pending.put(root, e);
    return true;
  }

  /** Drops entries that heard nothing for a whole timeout; returns how many. */
  expire(): number {
    return this.#pending.rotate().size;
  }

  #entry(root: number): Entry {
    let e = this.#pending.get(root);
    if (e === undefined) {
      e = { spoutTask: -1, hi: 0, lo: 0, failed: false };
      this.#pending.add(root, e);
    }
    return e;
  }

  #decide(root: number, e: Entry): LedgerOutcome {
    if (e.spoutTask < 0) return 'pending';
    if (e.failed) {
      this.#pending.remove(root);
      this.spoutTask = e.spoutTask;
      return 'failed';
    }
    if (e.hi === 0 && e.lo === 0) {
      this.#pending.remove(root);
      this.spoutTask = e.spoutTask;
      return 'complete';
    }
    return 'pending';
  }
}
