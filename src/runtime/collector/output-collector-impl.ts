/**
 * The bolt collector. Overloads are told apart by argument types, as Storm's are by Java types:
 * a leading string is a stream id; with one more argument than values, the extra one is anchors.
 *
 * With acking on, an emit anchored to tracked tuples is tracked (one copy per destination, see
 * `Emitter.emitTracked`); `ack`, `fail` and `resetTimeout` of a tracked tuple tell its ackers.
 * Untracked emits take the same path as with acking off.
 */
import { GaleError } from '../../api/errors.js';
import type { Anchors, OutputCollector } from '../../api/output-collector.js';
import type { Tuple } from '../../api/tuple.js';
import type { BoltAckSender } from '../acking/ack-sender.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import type { ErrorSink } from './error-sink.js';
import type { Emitter } from './emitter.js';

export class OutputCollectorImpl implements OutputCollector {
  readonly #acks: BoltAckSender | null;
  /**
   * The input whose process latency is being timed (the first of each step), and when its `execute`
   * started. Kept here, not in the tuple: a time is a double, and a double field would cost every
   * tuple a heap number.
   */
  sampled: TupleImpl | null = null;
  sampledAt = 0;

  constructor(
    readonly emitter: Emitter,
    private readonly errors: ErrorSink,
    acks: BoltAckSender | null = null,
  ) {
    this.#acks = acks;
  }

  emit(a: unknown, b?: unknown, c?: unknown): void {
    if (typeof a === 'string') {
      if (c === undefined) this.emitter.emit(a, b as readonly unknown[]);
      else this.#anchored(-1, a, b as Anchors, c as readonly unknown[]);
    } else if (b === undefined) {
      this.emitter.emit('default', a as readonly unknown[]);
    } else {
      this.#anchored(-1, 'default', a as Anchors, b as readonly unknown[]);
    }
  }

  emitDirect(taskId: number, a: unknown, b?: unknown, c?: unknown): void {
    if (typeof a === 'string') {
      if (c === undefined) this.emitter.emitDirect(taskId, a, b as readonly unknown[]);
      else this.#anchored(taskId, a, b as Anchors, c as readonly unknown[]);
    } else if (b === undefined) {
      this.emitter.emitDirect(taskId, 'default', a as readonly unknown[]);
    } else {
      this.#anchored(taskId, 'default', a as Anchors, b as readonly unknown[]);
    }
  }

  /**
   * The basic bolt's emit: anchored to its tracked input, which cannot be acked yet (that happens
   * when `execute` returns). `directTask < 0` for a grouped stream.
   */
  emitChild(directTask: number, stream: string, input: TupleImpl, values: readonly unknown[]): void {
    if (this.#acks === null) {
      if (directTask >= 0) this.emitter.emitDirect(directTask, stream, values);
      else this.emitter.emit(stream, values);
      return;
    }
    this.emitter.emitTracked(directTask, stream, values, input, -1, this.#acks.tracker);
  }

  // Only a tracked tuple has a `done` flag that matters: it has one destination, so a second ack
  // or fail of it is a user error, ignored. An untracked tuple may be shared by several tasks.
  ack(tuple: Tuple): void {
    const t = this.#own(tuple, 'ack');
    if (t.root >= 0) {
      if (t.done) return;
      t.done = true;
      if (this.#acks !== null) this.#acks.ack(t);
    }
    const stats = this.emitter.stats;
    stats.acked++;
    if (t === this.sampled) {
      stats.processLatency.record(performance.now() - this.sampledAt);
      this.sampled = null;
    }
  }

  fail(tuple: Tuple): void {
    const t = this.#own(tuple, 'fail');
    if (t.root >= 0) {
      if (t.done) return;
      t.done = true;
      if (this.#acks !== null) this.#acks.fail(t);
    }
    this.emitter.stats.failed++;
  }

  resetTimeout(tuple: Tuple): void {
    const t = this.#own(tuple, 'resetTimeout');
    if (!t.done && this.#acks !== null) this.#acks.reset(t);
  }

  /** Sends acks held back to be combined (see `BoltAckSender`); returns whether any went out. */
  flushAcks(): boolean {
    return this.#acks !== null && this.#acks.flush();
  }

  lastEmitTaskIds(): number[] {
    return this.emitter.lastEmitTaskIds();
  }

  reportError(error: unknown): void {
    this.errors.report(this.emitter.component, this.emitter.taskId, error);
  }

  #anchored(directTask: number, stream: string, anchors: Anchors, values: readonly unknown[]): void {
    const acks = this.#acks;
    let tracked = false;
    if (Array.isArray(anchors)) {
      for (let i = 0; i < anchors.length; i++) {
        if (this.#trackedAnchor(this.#own(anchors[i] as Tuple, 'emit'), acks)) tracked = true;
      }
    } else {
      tracked = this.#trackedAnchor(this.#own(anchors as Tuple, 'emit'), acks);
    }
    if (!tracked) {
      if (directTask >= 0) this.emitter.emitDirect(directTask, stream, values);
      else this.emitter.emit(stream, values);
      return;
    }
    const list = anchors as TupleImpl | readonly TupleImpl[];
    this.emitter.emitTracked(directTask, stream, values, list, -1, acks!.tracker);
  }

  /** Whether `anchor` makes an emit tracked; reports a finished one. */
  #trackedAnchor(anchor: TupleImpl, acks: BoltAckSender | null): boolean {
    if (acks === null || anchor.root < 0) return false;
    if (anchor.done) this.#finishedAnchor(anchor, acks);
    return true;
  }

  /**
   * Anchoring to a tuple already acked or failed cannot be tracked (its ack value was sent). The
   * emit goes ahead, the error is reported, and the anchor's roots fail at once, so the spout
   * replays them rather than lose what this emit leads to.
   */
  #finishedAnchor(anchor: TupleImpl, acks: BoltAckSender): void {
    this.errors.report(
      this.emitter.component,
      this.emitter.taskId,
      new GaleError(
        'ANCHOR_FINISHED',
        `'${this.emitter.component}' anchored an emit to a tuple it had already acked or failed (from '${anchor.sourceComponent}.${anchor.sourceStream}'); its spout tuples are failed and will be replayed`,
        { details: { component: this.emitter.component, taskId: this.emitter.taskId } },
      ),
    );
    acks.fail(anchor);
  }

  #own(tuple: Tuple, what: string): TupleImpl {
    if (tuple instanceof TupleImpl) return tuple;
    throw new GaleError(
      'INVALID_ANCHOR',
      `'${this.emitter.component}' passed ${tuple === null ? 'null' : typeof tuple} to ${what} where a tuple it received was expected`,
      { details: { component: this.emitter.component, taskId: this.emitter.taskId } },
    );
  }
}
