import type { Tuple } from '../../api/tuple.js';

/** Where tasks report errors (thrown by user code or passed to `reportError`). */
export interface ErrorSink {
  report(component: string, taskId: number, error: unknown, tuple?: Tuple): void;
}
