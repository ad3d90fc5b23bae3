/**
 * Draws the edge ids of one task's tracked emits (docs/design/acking.md). A tracked tuple carries,
 * per root of its tree, its ack value: its own edge id XOR the edge ids of the tuples anchored to
 * it. Every edge id thus enters the acker's XOR for its root exactly twice: once from the parent's
 * ack (or the spout's init), once from the child's ack.
 */
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { EdgeIds } from './edge-ids.js';

export class TupleTracker {
  readonly #edges: EdgeIds;
  readonly #one: TupleImpl[] = [];
  /** XOR of the edge ids drawn by {@link TupleTracker.trackRoot} since the last {@link TupleTracker.startRoot}. */
  initHi = 0;
  initLo = 0;

  constructor(edges: EdgeIds = new EdgeIds()) {
    this.#edges = edges;
  }

  /** Starts the init value of a new root. */
  startRoot(): void {
    this.initHi = 0;
    this.initLo = 0;
  }

  /** Makes `tuple`, one destination's copy of a spout tuple, part of `root` with a fresh edge id. */
  trackRoot(tuple: TupleImpl, root: number): void {
    const hi = this.#edges.next32();
    const lo = this.#edges.next32();
    this.initHi ^= hi;
    this.initLo ^= lo;
    tuple.root = root;
    tuple.hi = hi;
    tuple.lo = lo;
  }

  /** `trackChild` for one anchor (the basic bolt's input). */
  trackChildOf(child: TupleImpl, anchor: TupleImpl): void {
    if (anchor.more !== null || anchor.root < 0) {
      this.#one[0] = anchor;
      this.trackChild(child, this.#one);
      return;
    }
    const hi = this.#edges.next32();
    const lo = this.#edges.next32();
    anchor.hi ^= hi;
    anchor.lo ^= lo;
    child.root = anchor.root;
    child.hi = hi;
    child.lo = lo;
  }

  /**
   * Makes `child`, one destination's copy of a tuple anchored to `anchors`, part of their trees:
   * for every root of every tracked anchor, a fresh edge id, XORed into the anchor's ack value and
   * the child's.
   */
  trackChild(child: TupleImpl, anchors: readonly TupleImpl[]): void {
    for (let a = 0; a < anchors.length; a++) {
      const anchor = anchors[a]!;
      if (anchor.root < 0) continue;
      let hi = this.#edges.next32();
      let lo = this.#edges.next32();
      anchor.hi ^= hi;
      anchor.lo ^= lo;
      add(child, anchor.root, hi, lo);
      const more = anchor.more;
      if (more === null) continue;
      for (let i = 0; i < more.length; i += 3) {
        hi = this.#edges.next32();
        lo = this.#edges.next32();
        more[i + 1] = more[i + 1]! ^ hi;
        more[i + 2] = more[i + 2]! ^ lo;
        add(child, more[i]!, hi, lo);
      }
    }
  }
}

/** XORs edge (hi, lo) into `tuple`'s ack value for `root`, adding the root if it is new. */
function add(tuple: TupleImpl, root: number, hi: number, lo: number): void {
  if (tuple.root < 0) {
    tuple.root = root;
    tuple.hi = hi;
    tuple.lo = lo;
    return;
  }
  if (tuple.root === root) {
    tuple.hi ^= hi;
    tuple.lo ^= lo;
    return;
  }
  const more = (tuple.more ??= []);
  for (let j = 0; j < more.length; j += 3) {
    if (more[j] === root) {
      more[j + 1] = more[j + 1]! ^ hi;
      more[j + 2] = more[j + 2]! ^ lo;
      return;
    }
  }
  more.push(root, hi, lo);
}
