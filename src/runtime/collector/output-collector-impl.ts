/**
 * The bolt collector. Overloads are told apart by argument types, as Storm's are by Java types:
 * a leading string is a stream id; with one more argument than values, the extra one is anchors.
 * Anchors are accepted and checked now; tuple trees are tracked once the acker exists.
 */
import type { Anchors, OutputCollector } from '../../api/output-collector.js';
import type { Tuple } from '../../api/tuple.js';
import type { ErrorSink } from './error-sink.js';
import type { Emitter } from './emitter.js';

export class OutputCollectorImpl implements OutputCollector {
  constructor(
    readonly emitter: Emitter,
    private readonly errors: ErrorSink,
  ) {}

  emit(a: unknown, b?: unknown, c?: unknown): void {
    if (typeof a === 'string') {
      if (c === undefined) this.emitter.emit(a, b as readonly unknown[]);
      else this.#anchored(a, b as Anchors, c as readonly unknown[]);
    } else if (b === undefined) {
      this.emitter.emit('default', a as readonly unknown[]);
    } else {
      this.#anchored('default', a as Anchors, b as readonly unknown[]);
    }
  }

  emitDirect(taskId: number, a: unknown, b?: unknown, c?: unknown): void {
    if (typeof a === 'string') {
      this.emitter.emitDirect(taskId, a, (c === undefined ? b : c) as readonly unknown[]);
    } else {
      this.emitter.emitDirect(taskId, 'default', (b === undefined ? a : b) as readonly unknown[]);
    }
  }

  ack(_tuple: Tuple): void {
    this.emitter.stats.acked++;
  }

  fail(_tuple: Tuple): void {
    this.emitter.stats.failed++;
  }

  resetTimeout(_tuple: Tuple): void {
    // No tuple tree has a timeout until acking is on; nothing to extend.
  }

  lastEmitTaskIds(): number[] {
    return this.emitter.lastEmitTaskIds();
  }

  reportError(error: unknown): void {
    this.errors.report(this.emitter.component, this.emitter.taskId, error);
  }

  #anchored(stream: string, _anchors: Anchors, values: readonly unknown[]): void {
    this.emitter.emit(stream, values);
  }
}
