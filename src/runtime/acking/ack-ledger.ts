/**
 * The acker's bookkeeping (Storm's `Acker`), pure: per pending root, the spout task that emitted
 * it and the XOR of every 64-bit edge id reported created or acked under it. Every edge id is
 * XORed in exactly twice (once when its tuple is created, once when it is acked), so the value is
 * zero exactly when every tuple of the tree is acked (up to a 2^-64 chance). An explicit fail marks
 * the root failed. Reports may arrive before the root's init (they come from different tasks), so
 * an entry decides only once it knows its spout task.
 *
 * Entries live in a `RootTable` (no allocation per root) rotated every message timeout: an entry
 * is dropped (generations - 1) to `generations` timeouts after it was created or last touched by
 * a `resetTimeout`. By then its
 * spout task, whose own timeout is shorter, has failed it. Unlike Storm, an ordinary report does
 * not move its entry: that would cost a map delete and insert per report, for nothing.
 */
import { RootTable } from './root-table.js';

// Columns of an entry.
const HI = 0;
const LO = 1;
const SPOUT_TASK = 2; // -1 until the init arrives
const FAILED = 3;

/** What a report led to. */
export const LEDGER_OUTCOMES = ['pending', 'complete', 'failed'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

export class AckLedger {
  readonly #pending: RootTable;
  /** The spout task of the root the last report decided (complete or failed). */
  spoutTask = -1;

  constructor(generations = 3) {
    this.#pending = new RootTable(4, generations);
  }

  /** Roots still pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** The spout task `spoutTask` emitted root `root`, whose first tuples' edge ids XOR to (hi, lo). */
  init(root: number, spoutTask: number, hi: number, lo: number): LedgerOutcome {
    const slot = this.#slot(root);
    this.#pending.set(slot, SPOUT_TASK, spoutTask);
    return this.#xor(slot, hi, lo);
  }

  /** A tuple of `root` was acked; (hi, lo) is its edge id XOR the edge ids of tuples anchored to it. */
  ack(root: number, hi: number, lo: number): LedgerOutcome {
    return this.#xor(this.#slot(root), hi, lo);
  }

  /** A tuple of `root` failed: the root fails. */
  fail(root: number): LedgerOutcome {
    const slot = this.#slot(root);
    this.#pending.set(slot, FAILED, 1);
    return this.#decide(slot);
  }

  /** Restarts the timeout of `root` (a `resetTimeout` somewhere in its tree); false if unknown. */
  touch(root: number): boolean {
    const slot = this.#pending.find(root);
    if (slot < 0) return false;
    this.#pending.touch(slot);
    return true;
  }

  /** Starts a new timeout period; drops the entries it expires; returns how many. */
  expire(): number {
    return this.#pending.rotate();
  }

  #slot(root: number): number {
    const slot = this.#pending.find(root);
    if (slot >= 0) return slot;
    const added = this.#pending.add(root);
    this.#pending.set(added, SPOUT_TASK, -1);
    return added;
  }

  #xor(slot: number, hi: number, lo: number): LedgerOutcome {
    const t = this.#pending;
    t.set(slot, HI, t.get(slot, HI) ^ hi);
    t.set(slot, LO, t.get(slot, LO) ^ lo);
    return this.#decide(slot);
  }

  #decide(slot: number): LedgerOutcome {
    const t = this.#pending;
    const spoutTask = t.get(slot, SPOUT_TASK);
    if (spoutTask < 0) return 'pending';
    if (t.get(slot, FAILED) !== 0) {
      t.remove(slot);
      this.spoutTask = spoutTask;
      return 'failed';
    }
    if (t.get(slot, HI) === 0 && t.get(slot, LO) === 0) {
      t.remove(slot);
      this.spoutTask = spoutTask;
      return 'complete';
    }
    return 'pending';
  }
}
