import type { Tuple } from '../../api/tuple.js';

/** Where tasks report errors (thrown by user code or passed to `reportError`). */
export interface ErrorSink {
  report(component: string, taskId: number, error: unknown, tuple?: Tuple): void;
  /** An error the component's policy says must stop the worker (after it was reported). */
  fatal(component: string, taskId: number, error: unknown): void;
}
