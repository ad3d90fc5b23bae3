/**
 * The basic bolt collector: emits are anchored to the input being executed (set by the executor
 * before each `execute`), and that input is acked by the executor when `execute` returns.
 */
import type { BasicOutputCollector } from '../../api/output-collector.js';
import type { Tuple } from '../../api/tuple.js';
import type { OutputCollectorImpl } from './output-collector-impl.js';

export class BasicOutputCollectorImpl implements BasicOutputCollector {
  /** The input tuple being executed. */
  input: Tuple | null = null;

  constructor(readonly inner: OutputCollectorImpl) {}

  // Hot path: straight to the emitter, one call per emit. Every emit here descends from `input`;
  // until tuple trees are tracked (the acker), that anchor needs no bookkeeping per emit.
  emit(a: unknown, b?: unknown): void {
    if (typeof a === 'string') this.inner.emitter.emit(a, b as readonly unknown[]);
    else this.inner.emitter.emit('default', a as readonly unknown[]);
  }

  emitDirect(taskId: number, a: unknown, b?: unknown): void {
    const anchor = this.input;
    if (typeof a === 'string') {
      if (anchor === null) this.inner.emitDirect(taskId, a, b);
      else this.inner.emitDirect(taskId, a, anchor, b);
    } else if (anchor === null) {
      this.inner.emitDirect(taskId, a);
    } else {
      this.inner.emitDirect(taskId, anchor, a);
    }
  }

  resetTimeout(): void {
    if (this.input !== null) this.inner.resetTimeout(this.input);
  }

  lastEmitTaskIds(): number[] {
    return this.inner.lastEmitTaskIds();
  }

  reportError(error: unknown): void {
    this.inner.reportError(error);
  }
}
