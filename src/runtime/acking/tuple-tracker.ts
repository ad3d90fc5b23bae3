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
  /** XOR of the edge ids drawn by {@link TupleTracker.rootTrack} since the last {@link TupleTracker.startRoot}. */
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

  /** The track of one destination's copy of a spout tuple of `root`: a fresh edge id. */
  rootTrack(root: number): number[] {
    const hi = this.#edges.next32();
    const lo = this.#edges.next32();
    this.initHi ^= hi;
    this.initLo ^= lo;
    return [root, hi, lo];
  }

  /**
   * The track of one destination's copy of a tuple anchored to `anchors`: for every root of every
   * tracked anchor, a fresh edge id, XORed into the anchor's ack value and the child's. Returns
   * `null` when no anchor is tracked.
   */
  childTrack(anchors: readonly TupleImpl[]): number[] | null {
    let track: number[] | null = null;
    for (let a = 0; a < anchors.length; a++) {
      const at = anchors[a]!.track;
      if (at === null) continue;
      for (let i = 0; i < at.length; i += 3) {
        const hi = this.#edges.next32();
        const lo = this.#edges.next32();
        at[i + 1] = at[i + 1]! ^ hi;
        at[i + 2] = at[i + 2]! ^ lo;
        track ??= [];
        const root = at[i]!;
        const j = indexOfRoot(track, root);
        if (j < 0) {
          track.push(root, hi, lo);
        } else {
          track[j + 1] = track[j + 1]! ^ hi;
          track[j + 2] = track[j + 2]! ^ lo;
        }
      }
    }
    return track;
  }
}

function indexOfRoot(track: readonly number[], root: number): number {
  for (let j = 0; j < track.length; j += 3) if (track[j] === root) return j;
  return -1;
}
