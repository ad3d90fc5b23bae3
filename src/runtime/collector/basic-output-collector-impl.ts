/**
 * The basic bolt collector: emits are anchored to the input being executed (set by the executor
 * before each `execute`), and that input is acked by the executor when `execute` returns.
 */
import type { BasicOutputCollector } from '../../api/output-collector.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import type { OutputCollectorImpl } from './output-collector-impl.js';

export class BasicOutputCollectorImpl implements BasicOutputCollector {
  /** The input tuple being executed. */
  input: TupleImpl | null = null;

  constructor(readonly inner: OutputCollectorImpl) {}

  // Hot path: an untracked input (acking off, or a tuple of no tree) goes straight to the emitter.
  emit(a: unknown, b?: unknown): void {
    const input = this.input;
    const stream = typeof a === 'string' ? a : 'default';
    const values = (typeof a === 'string' ? b : a) as readonly unknown[];
    if (input === null || input.root < 0) this.inner.emitter.emit(stream, values);
    else this.inner.emitChild(-1, stream, input, values);
  }

  emitDirect(taskId: number, a: unknown, b?: unknown): void {
    const input = this.input;
    const stream = typeof a === 'string' ? a : 'default';
    const values = (typeof a === 'string' ? b : a) as readonly unknown[];
    if (input === null || input.root < 0) this.inner.emitter.emitDirect(taskId, stream, values);
    else this.inner.emitChild(taskId, stream, input, values);
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
