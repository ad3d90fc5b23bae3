/**
 * A task's side of acking: the system routes to the ackers, and what `ack`, `fail` and
 * `resetTimeout` of a tracked tuple send on them (one message per root of the tuple).
 */
import type { Emitter } from '../collector/emitter.js';
import type { Route } from '../collector/route.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { ACK_ACK_STREAM, ACK_FAIL_STREAM, ACK_INIT_STREAM, ACK_RESET_STREAM } from './system-streams.js';
import { TupleTracker } from './tuple-tracker.js';

function routeOf(emitter: Emitter, stream: string): Route {
  const route = emitter.routeOf(stream);
  if (route === undefined) throw new Error(`'${emitter.component}' has no system stream '${stream}'`);
  return route;
}

/** What a bolt task sends to the ackers. */
export class BoltAckSender {
  readonly tracker = new TupleTracker();
  readonly #ack: Route;
  readonly #fail: Route;
  readonly #reset: Route;

  constructor(readonly emitter: Emitter) {
    this.#ack = routeOf(emitter, ACK_ACK_STREAM);
    this.#fail = routeOf(emitter, ACK_FAIL_STREAM);
    this.#reset = routeOf(emitter, ACK_RESET_STREAM);
  }

  /** `tuple` (tracked) is acked: its ack value goes to each of its roots' ackers. */
  ack(track: readonly number[]): void {
    for (let i = 0; i < track.length; i += 3) {
      this.emitter.emitSystem(this.#ack, [track[i], track[i + 1], track[i + 2]]);
    }
  }

  /** A tuple of these roots failed: each root fails. */
  fail(track: readonly number[]): void {
    for (let i = 0; i < track.length; i += 3) this.emitter.emitSystem(this.#fail, [track[i]]);
  }

  /** Restarts the timeout of every root of `tuple`. */
  reset(tuple: TupleImpl): void {
    const track = tuple.track;
    if (track === null) return;
    for (let i = 0; i < track.length; i += 3) this.emitter.emitSystem(this.#reset, [track[i]]);
  }
}

/** What a spout task sends to the ackers: the init message of each new root. */
export class SpoutAckSender {
  readonly tracker = new TupleTracker();
  readonly #init: Route;

  constructor(readonly emitter: Emitter) {
    this.#init = routeOf(emitter, ACK_INIT_STREAM);
  }

  /** Root `root` was emitted: its init value is the XOR of the edge ids the tracker drew for it. */
  init(root: number): void {
    const t = this.tracker;
    this.emitter.emitSystem(this.#init, [root, t.initHi, t.initLo, this.emitter.taskId]);
  }
}
