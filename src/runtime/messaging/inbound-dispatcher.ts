/**
 * Hands inbound messages to local tasks and keeps backpressure per task, not per connection: a
 * worker never stops reading a peer (that could deadlock two workers feeding each other); instead
 * it tells every peer which of its tasks are full (`BackpressureStatus`), and peers stop emitting
 * to exactly those tasks, as producers in the same worker do. Queues may overshoot their capacity
 * by what was in flight when the status went out: bounded by the transport's in-flight limit.
 */
import { assertNever } from '../../util/assert-never.js';
import type { ReceiveQueue } from '../queue/receive-queue.js';
import type { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import type { Logger } from '../worker/logger.js';
import type { BackpressureStatus, DataBatch, TransportMessage } from './messages.js';
import type { RemotePressure } from './remote-pressure.js';
import type { Transport } from './transport.js';

export interface InboundContext {
  readonly queues: readonly (ReceiveQueue<TupleImpl> | undefined)[];
  /** The schema of `stream` of the component that runs `sourceTask`. */
  schemaOf(sourceTask: number, stream: string): StreamSchema | undefined;
  readonly transport: Transport;
  /** Every other worker of the topology. */
  readonly peers: readonly string[];
  readonly pressure: RemotePressure;
  readonly logger: Logger;
  readonly wake: () => void;
}

export class InboundDispatcher {
  #dropped = 0;
  /** Local tasks currently reported as overloaded. */
  readonly #overloaded = new Set<number>();
  #peers: readonly string[];

  constructor(private readonly ctx: InboundContext) {
    this.#peers = ctx.peers;
  }

  /** The other workers changed (a reassignment): status reports go to these from now on. */
  setPeers(peers: readonly string[]): void {
    const added = peers.filter((p) => !this.#peers.includes(p));
    this.#peers = peers;
    // A new peer has not heard which tasks are overloaded.
    if (added.length > 0 && this.#overloaded.size > 0) {
      const status: BackpressureStatus = { kind: 'backpressure', overloadedTasks: [...this.#overloaded] };
      for (const peer of added) this.ctx.transport.link(peer).send(status);
    }
  }

  /** Tuples dropped because they named a task or stream this worker does not know. */
  get dropped(): number {
    return this.#dropped;
  }

  handle = (from: string, message: TransportMessage): void => {
    switch (message.kind) {
      case 'data':
        this.#data(from, message);
        break;
      case 'backpressure':
        this.#backpressure(from, message);
        break;
      default:
        assertNever(message, 'message');
    }
    this.ctx.wake();
  };

  /**
   * Recomputes which local tasks are overloaded (full, until drained to their resume mark) and
   * tells the peers when that changed. Called at the end of every scheduler slice.
   */
  updateStatus(): void {
    const queues = this.ctx.queues;
    let changed = false;
    for (let t = 0; t < queues.length; t++) {
      const q = queues[t];
      if (q === undefined) continue;
      const low = q.lowSeen;
      q.lowSeen = false;
      if (this.#overloaded.has(t)) {
        // Drained to the resume mark at some point since the last report (local producers may
        // have refilled it since): remote producers get their turn too.
        if (q.size <= q.resumeAt || low) {
          this.#overloaded.delete(t);
          changed = true;
        }
      } else if (q.size >= q.capacity) {
        this.#overloaded.add(t);
        changed = true;
      }
    }
    if (!changed) return;
    const status: BackpressureStatus = { kind: 'backpressure', overloadedTasks: [...this.#overloaded] };
    for (const peer of this.#peers) this.ctx.transport.link(peer).send(status);
  }

  #backpressure(from: string, status: BackpressureStatus): void {
    this.ctx.pressure.update(from, status.overloadedTasks);
  }

  #data(from: string, batch: DataBatch): void {
    const schema = this.ctx.schemaOf(batch.sourceTask, batch.stream);
    if (schema === undefined) {
      this.#dropped += batch.destTasks.length;
      this.ctx.logger.warn(
        { from, sourceTask: batch.sourceTask, stream: batch.stream },
        'batch for an unknown stream dropped',
      );
      return;
    }
    const queues = this.ctx.queues;
    const tracks = batch.tracks;
    for (let i = 0; i < batch.destTasks.length; i++) {
      const q = queues[batch.destTasks[i]!];
      if (q === undefined) {
        this.#dropped++;
        this.ctx.logger.warn(
          { from, task: batch.destTasks[i] },
          'tuple for a task not in this worker dropped',
        );
        continue;
      }
      // Tracks were checked where bytes became a message (MessageCodec); the in-process
      // transport carries the runtime's own objects.
      const track = tracks === undefined ? null : (tracks[i] ?? null);
      const tuple = new TupleImpl(batch.values[i]!, schema, batch.sourceTask);
      if (track !== null) tuple.setTrack(track);
      q.push(tuple);
    }
  }
}
