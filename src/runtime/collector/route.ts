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
  /** The consuming component of each grouper, then of each direct consumer (edge counters). */
  readonly targets: readonly string[];
  /**
   * Tuples delivered to each of `targets` (indexes as there), counted at emit: the rate of each
   * edge of the topology graph. Grouped targets come first, in `groupers` order.
   */
  readonly delivered: Float64Array;
  /** For a direct stream: the index in `targets` of each consumer task's component. */
  readonly directTarget: ReadonlyMap<number, number>;
}
