/**
 * The spout collector. An emit with a message id starts a tuple tree:
 *
 * - With acking on, the emit is tracked under a new root id, the root is recorded as pending
 *   (with its message id and emit time) and announced to its acker; the spout hears `ack` or
 *   `fail` once the tree completes, fails or times out.
 * - With acking off (`ackers: 0`), the message id is acked as soon as `nextTuple` returns, as
 *   Storm does with no ackers.
 *
 * Either way the ack is never called from inside `nextTuple`, so the spout is never re-entered.
 */
import type { MessageId } from '../../api/streams.js';
import type { SpoutOutputCollector } from '../../api/output-collector.js';
import type { SpoutAckSender } from '../acking/ack-sender.js';
import type { PendingRoots } from '../acking/pending-roots.js';
import type { RootIds } from '../acking/root-ids.js';
import type { ErrorSink } from './error-sink.js';
import type { Emitter } from './emitter.js';

/** A spout task's tuple-tree state, when acking is on. */
export interface SpoutTracking {
  readonly rootIds: RootIds;
  readonly pending: PendingRoots;
  readonly sender: SpoutAckSender;
}

export class SpoutOutputCollectorImpl implements SpoutOutputCollector {
  /** Message ids to ack once `nextTuple` returns (acking off, or a tree with no tuples). */
  readonly pendingAcks: MessageId[] = [];
  /** The time of the current step (ms), taken as the emit time of roots: no clock read per emit. */
  now = 0;

  constructor(
    readonly emitter: Emitter,
    private readonly errors: ErrorSink,
    readonly tracking: SpoutTracking | null = null,
  ) {}

  emit(a: unknown, b?: unknown, c?: MessageId): void {
    if (typeof a === 'string') this.#emit(-1, a, b as readonly unknown[], c);
    else this.#emit(-1, 'default', a as readonly unknown[], b as MessageId | undefined);
  }

  emitDirect(taskId: number, a: unknown, b?: unknown, c?: MessageId): void {
    if (typeof a === 'string') this.#emit(taskId, a, b as readonly unknown[], c);
    else this.#emit(taskId, 'default', a as readonly unknown[], b as MessageId | undefined);
  }

  lastEmitTaskIds(): number[] {
    return this.emitter.lastEmitTaskIds();
  }

  reportError(error: unknown): void {
    this.errors.report(this.emitter.component, this.emitter.taskId, error);
  }

  #emit(
    directTask: number,
    stream: string,
    values: readonly unknown[],
    messageId: MessageId | undefined,
  ): void {
    const tracking = this.tracking;
    if (messageId === undefined || tracking === null) {
      if (directTask >= 0) this.emitter.emitDirect(directTask, stream, values);
      else this.emitter.emit(stream, values);
      if (messageId !== undefined) this.pendingAcks.push(messageId);
      return;
    }
    const root = tracking.rootIds.next();
    const sender = tracking.sender;
    sender.tracker.startRoot();
    const n = this.emitter.emitTracked(directTask, stream, values, null, root, sender.tracker);
    if (n === 0) {
      // Nobody consumes the stream: the tree is complete as it starts (Storm acks at once too).
      this.pendingAcks.push(messageId);
      return;
    }
    tracking.pending.add(root, messageId, this.now);
    sender.init(root);
  }
}
