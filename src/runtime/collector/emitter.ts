/**
 * The emit path of one task, shared by the spout and bolt collectors. Hot path: per emit, one
 * tuple allocation and no other; task ids go into a reused array (STYLE.md H5); the queue that
 * filled up is remembered so the executor can stop taking input (backpressure).
 */
import { GaleError } from '../../api/errors.js';
import { DEFAULT_STREAM } from '../../api/streams.js';
import type { OutboundBatcher } from '../messaging/outbound-batcher.js';
import type { RemotePressure } from '../messaging/remote-pressure.js';
import type { ReceiveQueue } from '../queue/receive-queue.js';
import type { TaskStats } from '../stats/task-stats.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import type { TupleTracker } from '../acking/tuple-tracker.js';
import type { Activator } from '../worker/activator.js';
import type { Route } from './route.js';

/** Logs each emitted tuple when the topology runs with `debug: true`. */
export type EmitLogger = (
  taskId: number,
  stream: string,
  values: readonly unknown[],
  tasks: readonly number[],
  n: number,
) => void;

export class Emitter {
  readonly #routes: ReadonlyMap<string, Route>;
  readonly #default: Route | undefined;
  readonly #queues: readonly (ReceiveQueue<TupleImpl> | undefined)[];
  readonly #activator: Activator;
  readonly #out: number[];
  readonly #systemOut: number[];
  readonly #debug: EmitLogger | null;
  #lastCount = 0;
  #blockedOn: ReceiveQueue<TupleImpl> | null = null;
  readonly #outbound: readonly (OutboundBatcher | undefined)[];
  #blockedOut: OutboundBatcher | null = null;
  readonly #pressure: RemotePressure | null;
  #blockedRemoteTask = -1;

  constructor(
    readonly taskId: number,
    readonly component: string,
    routes: ReadonlyMap<string, Route>,
    queues: readonly (ReceiveQueue<TupleImpl> | undefined)[],
    activator: Activator,
    readonly stats: TaskStats,
    debug: EmitLogger | null,
    outbound: readonly (OutboundBatcher | undefined)[] = [],
    pressure: RemotePressure | null = null,
  ) {
    this.#outbound = outbound;
    this.#pressure = pressure;
    this.#routes = routes;
    this.#default = routes.get(DEFAULT_STREAM);
    this.#queues = queues;
    this.#activator = activator;
    this.#debug = debug;
    let fanOut = 1;
    for (const r of routes.values()) fanOut = Math.max(fanOut, r.maxFanOut);
    this.#out = new Array<number>(fanOut).fill(0);
    this.#systemOut = new Array<number>(fanOut).fill(0);
  }

  /** Emits `values` on `stream`; returns the tuple (or `null` when nobody consumes the stream). */
  emit(stream: string, values: readonly unknown[]): TupleImpl | null {
    const route = this.#route(stream, values);
    if (route.schema.direct) this.#notGrouped(stream);
    this.stats.emitted++;
    const groupers = route.groupers;
    if (groupers.length === 0) {
      this.#lastCount = 0;
      return null;
    }
    const out = this.#out;
    const delivered = route.delivered;
    let n = 0;
    for (let g = 0; g < groupers.length; g++) {
      const k = groupers[g]!.choose(values, out, n);
      delivered[g]! += k;
      n += k;
    }
    const tuple = new TupleImpl(values, route.schema, this.taskId);
    for (let i = 0; i < n; i++) this.#deliver(out[i]!, tuple);
    this.#lastCount = n;
    this.stats.transferred += n;
    if (this.#debug !== null) this.#debug(this.taskId, stream, values, out, n);
    return tuple;
  }

  /** Emits `values` on direct stream `stream` to task `taskId`. */
  emitDirect(taskId: number, stream: string, values: readonly unknown[]): TupleImpl {
    const route = this.#directRoute(taskId, stream, values);
    this.stats.emitted++;
    const tuple = new TupleImpl(values, route.schema, this.taskId);
    route.delivered[route.directTarget.get(taskId)!]! += 1;
    this.#out[0] = taskId;
    this.#deliver(taskId, tuple);
    this.#lastCount = 1;
    this.stats.transferred++;
    if (this.#debug !== null) this.#debug(this.taskId, stream, values, this.#out, 1);
    return tuple;
  }

  /**
   * Emits a tracked tuple: each destination gets its own copy, tracked under root `root` (a spout
   * emit with a message id, `root >= 0`) or under the roots of `anchors` (a bolt's anchored emit:
   * one tuple, the basic bolt's input, or several). `directTask >= 0` sends to that task of a
   * direct stream. Returns the number of destinations.
   */
  emitTracked(
    directTask: number,
    stream: string,
    values: readonly unknown[],
    anchors: TupleImpl | readonly TupleImpl[] | null,
    root: number,
    tracker: TupleTracker,
  ): number {
    const out = this.#out;
    let route: Route;
    let n = 0;
    if (directTask >= 0) {
      route = this.#directRoute(directTask, stream, values);
      out[0] = directTask;
      n = 1;
      route.delivered[route.directTarget.get(directTask)!]! += 1;
    } else {
      route = this.#route(stream, values);
      if (route.schema.direct) this.#notGrouped(stream);
      const groupers = route.groupers;
      const delivered = route.delivered;
      for (let g = 0; g < groupers.length; g++) {
        const k = groupers[g]!.choose(values, out, n);
        delivered[g]! += k;
        n += k;
      }
    }
    this.stats.emitted++;
    for (let i = 0; i < n; i++) {
      const tuple = new TupleImpl(values, route.schema, this.taskId);
      if (root >= 0) tracker.trackRoot(tuple, root);
      else if (anchors instanceof TupleImpl) tracker.trackChildOf(tuple, anchors);
      else tracker.trackChild(tuple, anchors!);
      this.#deliver(out[i]!, tuple);
    }
    this.#lastCount = n;
    this.stats.transferred += n;
    if (this.#debug !== null) this.#debug(this.taskId, stream, values, out, n);
    return n;
  }

  /** Sends `values` on a system stream to task `taskId` (a batch for one acker, say). */
  emitSystemTo(route: Route, taskId: number, values: readonly unknown[]): void {
    this.#deliver(taskId, new TupleImpl(values, route.schema, this.taskId));
  }

  /** Makes sure a scheduler slice runs soon (for work left to its end). */
  ensureSlice(): void {
    if (this.#activator.parked) this.#activator.wake();
  }

  /** The route of a stream, for system streams that collectors resolve once. */
  routeOf(stream: string): Route | undefined {
    return this.#routes.get(stream);
  }

  /**
   * Sends `values` on a system stream (acking): untracked, uncounted in the task's stats, and
   * through its own task-id buffer so that `lastEmitTaskIds` still describes the user's last emit.
   */
  emitSystem(route: Route, values: readonly unknown[]): void {
    const out = this.#systemOut;
    const groupers = route.groupers;
    let n = 0;
    for (let g = 0; g < groupers.length; g++) n += groupers[g]!.choose(values, out, n);
    if (n === 0) return;
    const tuple = new TupleImpl(values, route.schema, this.taskId);
    for (let i = 0; i < n; i++) this.#deliver(out[i]!, tuple);
  }

  lastEmitTaskIds(): number[] {
    return this.#out.slice(0, this.#lastCount);
  }

  /** Whether a queue this task filled is still too full to take more (checked once per input). */
  isBlocked(): boolean {
    const q = this.#blockedOn;
    if (q !== null) {
      if (q.size > q.resumeAt) return true;
      this.#blockedOn = null;
    }
    const o = this.#blockedOut;
    if (o !== null) {
      if (!o.writable) return true;
      this.#blockedOut = null;
    }
    const t = this.#blockedRemoteTask;
    if (t >= 0) {
      if (this.#pressure!.isOverloaded(t)) return true;
      this.#blockedRemoteTask = -1;
    }
    return false;
  }

  #notGrouped(stream: string): never {
    throw new GaleError(
      'STREAM_KIND_MISMATCH',
      `'${this.component}.${stream}' is a direct stream: emit on it with emitDirect(taskId, ...)`,
      { details: { component: this.component, stream, taskId: this.taskId } },
    );
  }

  #directRoute(taskId: number, stream: string, values: readonly unknown[]): Route {
    const route = this.#route(stream, values);
    if (!route.schema.direct) {
      throw new GaleError(
        'STREAM_KIND_MISMATCH',
        `'${this.component}.${stream}' is not a direct stream: declare it with { direct: true } to use emitDirect`,
        { details: { component: this.component, stream, taskId: this.taskId } },
      );
    }
    if (!route.directTasks.has(taskId)) {
      throw new GaleError(
        'INVALID_DIRECT_TASK',
        `emitDirect from '${this.component}.${stream}' to task ${String(taskId)}, which is not a task of a component subscribed to it with a direct grouping (valid: ${[...route.directTasks].join(', ') || 'none'})`,
        { details: { component: this.component, stream, taskId } },
      );
    }
    return route;
  }

  #route(stream: string, values: readonly unknown[]): Route {
    const route = stream === DEFAULT_STREAM ? this.#default : this.#routes.get(stream);
    if (route === undefined) {
      const known = [...this.#routes.keys()];
      throw new GaleError(
        'UNKNOWN_STREAM',
        `'${this.component}' emitted on undeclared stream '${String(stream)}' (it declares ${known.length ? known.map((s) => `'${s}'`).join(', ') : 'no streams'})`,
        { details: { component: this.component, stream: String(stream), taskId: this.taskId } },
      );
    }
    if (!Array.isArray(values) || values.length !== route.arity) {
      throw new GaleError(
        'VALUES_ARITY',
        `'${this.component}.${stream}' has ${route.arity} field${route.arity === 1 ? '' : 's'} ${route.schema.fields.toString()}, but emit got ${Array.isArray(values) ? `${values.length} value${values.length === 1 ? '' : 's'}` : `a ${typeof values} instead of an array of values`}`,
        { details: { component: this.component, stream, taskId: this.taskId } },
      );
    }
    return route;
  }

  #deliver(taskId: number, tuple: TupleImpl): void {
    const q = this.#queues[taskId];
    if (q !== undefined) {
      if (q.push(tuple) >= q.capacity) this.#blockedOn = q;
      if (this.#activator.parked) this.#activator.wake();
      return;
    }
    const out = this.#outbound[taskId];
    if (out === undefined) {
      throw new GaleError(
        'INVALID_DIRECT_TASK',
        `task ${taskId} is neither in this worker nor assigned to another`,
        {
          domain: 'internal',
          details: { component: this.component, taskId },
        },
      );
    }
    out.add(taskId, tuple);
    if (!out.writable) this.#blockedOut = out;
    // Emitted outside a slice (a timer, an I/O callback): the batch goes out at the end of the
    // next slice, so make sure there is one.
    if (this.#activator.parked) this.#activator.wake();
    if (this.#pressure!.isOverloaded(taskId)) this.#blockedRemoteTask = taskId;
  }
}
