/**
 * A spout task's pending tuple trees: root id to the message id and emit time. Timeouts come from
 * a `RootTable` of 2 generations rotated every message timeout, so a root fails between T and 2T
 * after its emit (or its last `resetTimeout`), with no timer per root (as Storm's spout executor).
 * `isFull()` implements max spout pending. No allocation per root.
 */
import type { MessageId } from '../../api/streams.js';
import { RootTable } from './root-table.js';

const EMITTED_AT = 0;

export class PendingRoots {
  readonly #table = new RootTable<MessageId>(1, 2, true);
  /** The message id of the root the last successful `take` removed. */
  takenMessageId: MessageId = 0;
  /** Its emit time (clock ms). */
  takenEmittedAt = 0;

  /** @param maxPending - `nextTuple` is not called while this many roots are pending; null: no limit. */
  constructor(private readonly maxPending: number | null) {}

  get size(): number {
    return this.#table.size;
  }

  /** Whether max spout pending is reached. */
  isFull(): boolean {
    return this.maxPending !== null && this.#table.size >= this.maxPending;
  }

  /** Records a new root (root ids are never reused while pending). */
  add(root: number, messageId: MessageId, now: number): void {
    const slot = this.#table.add(root);
    this.#table.set(slot, EMITTED_AT, now);
    this.#table.setObject(slot, messageId);
  }

  /**
   * Removes a root that completed or failed; false if it is not pending (it timed out already).
   * Its message id and emit time are then in `takenMessageId` and `takenEmittedAt`.
   */
  take(root: number): boolean {
    const table = this.#table;
    const slot = table.find(root);
    if (slot < 0) return false;
    this.takenMessageId = table.object(slot)!;
    this.takenEmittedAt = table.get(slot, EMITTED_AT);
    table.remove(slot);
    return true;
  }

  /** Restarts the timeout of `root`; false if it is not pending. */
  resetTimeout(root: number): boolean {
    const slot = this.#table.find(root);
    if (slot < 0) return false;
    this.#table.touch(slot);
    return true;
  }

  /** Removes every pending root (a worker died: their trees may be lost); returns their message ids. */
  expireAll(): MessageId[] {
    const all: MessageId[] = [];
    // Two turns of the clock expire both generations.
    this.#table.rotate((slot) => all.push(this.#table.object(slot)!));
    this.#table.rotate((slot) => all.push(this.#table.object(slot)!));
    return all;
  }

  /** Called every message timeout: removes the roots that timed out; returns their message ids. */
  expire(): MessageId[] {
    const expired: MessageId[] = [];
    this.#table.rotate((slot) => expired.push(this.#table.object(slot)!));
    return expired;
  }
}
