/**
 * A task's side of acking: what `ack`, `fail` and `resetTimeout` of a tracked tuple, and a spout's
 * new roots, send to the ackers.
 */
import type { Emitter } from '../collector/emitter.js';
import type { Route } from '../collector/route.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { AckBatch } from './ack-batch.js';
import { ACK_ACK_STREAM, ACK_FAIL_STREAM, ACK_INIT_STREAM, ACK_RESET_STREAM } from './system-streams.js';
import { TupleTracker } from './tuple-tracker.js';

function routeOf(emitter: Emitter, stream: string): Route {
  const route = emitter.routeOf(stream);
  if (route === undefined) throw new Error(`'${emitter.component}' has no system stream '${stream}'`);
  return route;
}

/**
 * What a bolt task sends to the ackers. Acks are batched per acker (`AckBatch`) and go out at
 * the end of the task's step and of every scheduler slice. Before that, acks of consecutive tuples
 * of one root (the words of one sentence, say) are XORed into one report: XOR is associative, so
 * the acker sees the same value. Fails and resets are rare and go out at once.
 */
export class BoltAckSender {
  readonly tracker = new TupleTracker();
  readonly #acks: AckBatch;
  readonly #fail: Route;
  readonly #reset: Route;
  #root = -1;
  #hi = 0;
  #lo = 0;

  constructor(
    readonly emitter: Emitter,
    ackerTasks: readonly number[],
  ) {
    this.#acks = new AckBatch(emitter, routeOf(emitter, ACK_ACK_STREAM), ackerTasks);
    this.#fail = routeOf(emitter, ACK_FAIL_STREAM);
    this.#reset = routeOf(emitter, ACK_RESET_STREAM);
  }

  /** A tracked tuple is acked: its ack value goes to each of its roots' ackers. */
  ack(tuple: TupleImpl): void {
    const root = tuple.root;
    if (root === this.#root) {
      this.#hi ^= tuple.hi;
      this.#lo ^= tuple.lo;
    } else {
      this.#release();
      this.emitter.ensureSlice(); // acked outside a slice: one must come to flush it
      this.#root = root;
      this.#hi = tuple.hi;
      this.#lo = tuple.lo;
    }
    const more = tuple.more;
    if (more !== null)
      for (let i = 0; i < more.length; i += 3) this.#acks.add(more[i]!, more[i + 1]!, more[i + 2]!);
  }

  /** A tuple of these roots failed: each root fails. */
  fail(tuple: TupleImpl): void {
    this.emitter.emitSystem(this.#fail, [tuple.root]);
    const more = tuple.more;
    if (more !== null)
      for (let i = 0; i < more.length; i += 3) this.emitter.emitSystem(this.#fail, [more[i]]);
  }

  /** Restarts the timeout of every root of `tuple`. */
  reset(tuple: TupleImpl): void {
    if (tuple.root < 0) return;
    this.emitter.emitSystem(this.#reset, [tuple.root]);
    const more = tuple.more;
    if (more !== null)
      for (let i = 0; i < more.length; i += 3) this.emitter.emitSystem(this.#reset, [more[i]]);
  }

  /** Sends every report held; returns whether anything went out. */
  flush(): boolean {
    this.#release();
    return this.#acks.flush();
  }

  /** Moves the combined report into the batch. */
  #release(): void {
    const root = this.#root;
    if (root < 0) return;
    this.#root = -1;
    // A zero value would change nothing at the acker.
    if ((this.#hi | this.#lo) !== 0) this.#acks.add(root, this.#hi, this.#lo);
  }
}

/** What a spout task sends to the ackers: the init report of each new root, batched. */
export class SpoutAckSender {
  readonly tracker = new TupleTracker();
  readonly #inits: AckBatch;

  constructor(emitter: Emitter, ackerTasks: readonly number[]) {
    this.#inits = new AckBatch(emitter, routeOf(emitter, ACK_INIT_STREAM), ackerTasks);
  }

  /** Root `root` was emitted: its init value is the XOR of the edge ids the tracker drew for it. */
  init(root: number): void {
    this.#inits.add(root, this.tracker.initHi, this.tracker.initLo);
  }

  /** Sends the init reports held; returns whether anything went out. */
  flush(): boolean {
    return this.#inits.flush();
  }
}
