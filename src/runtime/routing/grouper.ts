/**
 * The runtime's contract for a stream grouping (STYLE.md H4): given a tuple's values, write the
 * chosen consumer task ids into `out` starting at `offset`, and return how many were written.
 * Writing into a reused array keeps emit free of allocation (Storm allocates a list per emit).
 * One grouper instance exists per emitting task, stream and consuming component.
 */
export interface Grouper {
  choose(values: readonly unknown[], out: number[], offset: number): number;
}

/** What a grouper is built from. */
export interface GrouperTarget {
  /** Consumer task ids, ascending. */
  readonly tasks: readonly number[];
  /** Consumer task ids that run in the emitter's worker, ascending. */
  readonly localTasks: readonly number[];
}
