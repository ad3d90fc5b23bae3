/**
 * The spout collector. Without acking (this runtime tracks no tuple trees yet), an emit with a
 * message id is acked as soon as `nextTuple` returns, as Storm does with
 * `topology.acker.executors = 0`: the ack is queued, not called from inside `nextTuple`, so the spout is never re-entered.
 */
import type { MessageId } from '../../api/streams.js';
import type { SpoutOutputCollector } from '../../api/output-collector.js';
import type { ErrorSink } from './error-sink.js';
import type { Emitter } from './emitter.js';

export class SpoutOutputCollectorImpl implements SpoutOutputCollector {
  /** Message ids emitted since the executor last drained them. */
  readonly pendingAcks: MessageId[] = [];

  constructor(
    readonly emitter: Emitter,
    private readonly errors: ErrorSink,
  ) {}

  emit(a: unknown, b?: unknown, c?: MessageId): void {
    if (typeof a === 'string') {
      this.emitter.emit(a, b as readonly unknown[]);
      if (c !== undefined) this.pendingAcks.push(c);
    } else {
      this.emitter.emit('default', a as readonly unknown[]);
      if (b !== undefined) this.pendingAcks.push(b as MessageId);
    }
  }

  emitDirect(taskId: number, a: unknown, b?: unknown, c?: MessageId): void {
    if (typeof a === 'string') {
      this.emitter.emitDirect(taskId, a, b as readonly unknown[]);
      if (c !== undefined) this.pendingAcks.push(c);
    } else {
      this.emitter.emitDirect(taskId, 'default', a as readonly unknown[]);
      if (b !== undefined) this.pendingAcks.push(b as MessageId);
    }
  }

  lastEmitTaskIds(): number[] {
    return this.emitter.lastEmitTaskIds();
  }

  reportError(error: unknown): void {
    this.errors.report(this.emitter.component, this.emitter.taskId, error);
  }
}
