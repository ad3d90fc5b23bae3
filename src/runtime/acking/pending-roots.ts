/**
 * A spout task's pending tuple trees: root id to the message id and emit time. Timeouts come from
 * a 2-bucket `RotatingMap` rotated every message timeout, so a root fails between T and 2T after
 * its emit (or its last `resetTimeout`), with no timer per root (as Storm's spout executor).
 * `isFull()` implements max spout pending.
 */
import type { MessageId } from '../../api/streams.js';
import { RotatingMap } from './rotating-map.js';

export interface PendingRoot {
  readonly messageId: MessageId;
  /** When the root was emitted (clock ms): complete latency is measured from here. */
  readonly emittedAt: number;
}

export class PendingRoots {
  readonly #map = new RotatingMap<number, PendingRoot>(2);

  /** @param maxPending - `nextTuple` is not called while this many roots are pending; null: no limit. */
  constructor(private readonly maxPending: number | null) {}

  get size(): number {
    return this.#map.size;
  }

  /** Whether max spout pending is reached. */
  isFull(): boolean {
    return this.maxPending !== null && this.#map.size >= this.maxPending;
  }

  add(root: number, messageId: MessageId, now: number): void {
    this.#map.add(root, { messageId, emittedAt: now }); // root ids are never reused while pending
  }

  /** Removes and returns a root that completed or failed (undefined if it already timed out). */
  take(root: number): PendingRoot | undefined {
    return this.#map.remove(root);
  }

  /** Restarts the timeout of `root`; false if it is not pending. */
  resetTimeout(root: number): boolean {
    const entry = this.#map.get(root);
    if (entry === undefined) return false;
    this.#map.put(root, entry);
    return true;
  }

  /** Called every message timeout: returns the roots that timed out (to be failed). */
  expire(): Map<number, PendingRoot> {
    return this.#map.rotate();
  }
}
