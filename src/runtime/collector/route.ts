import type { Grouper } from '../routing/grouper.js';
import type { StreamSchema } from '../tuple/stream-schema.js';

/** Where one stream of one emitting task goes: a grouper per consuming component. */
export interface Route {
  readonly schema: StreamSchema;
  readonly arity: number;
  readonly groupers: readonly Grouper[];
  /** For a direct stream: every task of every consumer subscribed to it. */
  readonly directTasks: ReadonlySet<number>;
  /** Upper bound of destinations of one emit (sizes the reused task-id buffer). */
  readonly maxFanOut: number;
}
