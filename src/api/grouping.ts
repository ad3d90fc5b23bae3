/**
 * Stream groupings: how the tuples of a stream are split among the tasks of a consuming bolt.
 *
 * @module
 */
import type { Fields } from './fields.js';

/** Every built-in grouping kind (STYLE.md H15). */
export const GROUPINGS = [
  'shuffle',
  'fields',
  'partialKey',
  'all',
  'global',
  'none',
  'direct',
  'localOrShuffle',
  'range',
  'custom',
] as const;

/** One of {@link GROUPINGS}. */
export type GroupingKind = (typeof GROUPINGS)[number];

/** A key a range grouping orders: numbers, strings or bigints (one kind per grouping). */
export type RangeKey = number | string | bigint;

/** What a custom grouping learns about the stream it splits. */
export interface GroupingContext {
  /** The component that emits on the stream. */
  readonly sourceComponent: string;
  /** The stream being split. */
  readonly sourceStream: string;
  /** The fields of the stream. */
  readonly outputFields: Fields;
  /** The consuming component. */
  readonly targetComponent: string;
  /** The task ids, among `targetTasks`, that run in the same worker as the emitting task. */
  readonly localTargetTasks: readonly number[];
}

/**
 * A user-defined grouping (Storm's `CustomStreamGrouping`). One instance is made per emitting
 * task and stream, so it may keep state without locking.
 *
 * @example
 * ```ts
 * class FirstLetterGrouping implements CustomStreamGrouping {
 *   #tasks: readonly number[] = [];
 *   prepare(_ctx: GroupingContext, tasks: readonly number[]) { this.#tasks = tasks; }
 *   chooseTasks(_source: number, values: readonly unknown[]) {
 *     const c = String(values[0]).charCodeAt(0) || 0;
 *     return [this.#tasks[c % this.#tasks.length]!];
 *   }
 * }
 * ```
 */
export interface CustomStreamGrouping {
  /** Called once before the first tuple with the consumer's task ids, in ascending order. */
  prepare(context: GroupingContext, targetTasks: readonly number[]): void;
  /** The consumer tasks to send `values` to: any of the target tasks, possibly several or none. */
  chooseTasks(sourceTaskId: number, values: readonly unknown[]): readonly number[];
}

/** A grouping as declared in a topology. */
export type GroupingSpec =
  | { readonly kind: 'shuffle' }
  | { readonly kind: 'fields'; readonly fields: Fields }
  | { readonly kind: 'partialKey'; readonly fields: Fields }
  | { readonly kind: 'all' }
  | { readonly kind: 'global' }
  | { readonly kind: 'none' }
  | { readonly kind: 'direct' }
  | { readonly kind: 'localOrShuffle' }
  | { readonly kind: 'range'; readonly field: string; readonly boundaries: readonly RangeKey[] }
  | { readonly kind: 'custom'; readonly factory: () => CustomStreamGrouping };
