/**
 * An executor runs the tasks of one component in bounded steps (STYLE.md H6): the worker's
 * scheduler calls `runOnce(budget)` and moves on; no executor can starve another or the event loop.
 */
import type { TaskStats } from '../stats/task-stats.js';

export interface Executor {
  readonly component: string;
  readonly kind: 'spout' | 'bolt';
  readonly taskIds: readonly number[];
  readonly stats: readonly TaskStats[];
  /** The task whose `open`/`prepare` ran last (names the culprit when `start` throws). */
  readonly startingTask: number;
  /** Opens (spouts) or prepares (bolts) every task. Throws if user code throws. */
  start(): void;
  /** Handles at most `budget` tuples; returns whether it did any work. */
  runOnce(budget: number, now: number): boolean;
  /** When an idle executor wants its next step even without input (Infinity: only on input). */
  wakeAt(): number;
  /** Whether input waits in any of its tasks' queues, or is held by a bolt that answers later. */
  hasQueuedInput(): boolean;
  /**
   * Sends what tasks held back to batch (acking reports); returns whether anything went out.
   * Steps do this themselves; the worker calls it at the end of each slice for reports made
   * outside a step.
   */
  flushAcks(): boolean;
  /** Closes (spouts) or cleans up (bolts) every task; errors go to the error sink. */
  close(): void;
}
