/** A `ComponentSummary` for CLI tests: zeros except what the test sets. */
import type { ComponentSummary } from '../../src/runtime/index.js';

export function componentSummary(component: string, over: Partial<ComponentSummary> = {}): ComponentSummary {
  return {
    component,
    tasks: 1,
    emitted: 0,
    transferred: 0,
    executed: 0,
    acked: 0,
    failed: 0,
    errors: 0,
    completeLatency: null,
    ...over,
  };
}
