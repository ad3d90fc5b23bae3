/**
 * What workers send each other: one closed union of message kinds (STYLE.md H7). Data and, later,
 * control (backpressure, checkpoint barriers, watermarks) travel on the same ordered channel, so
 * control stays ordered with the tuples around it.
 */

/**
 * A batch of tuples from one source task on one stream, each with its destination task. Columnar:
 * the schema (source component, stream, fields) is known to both sides, so only values travel.
 */
export interface DataBatch {
  readonly kind: 'data';
  readonly sourceTask: number;
  readonly stream: string;
  /** Destination task of each tuple. */
  readonly destTasks: readonly number[];
  /** Values of each tuple, parallel to `destTasks`. */
  readonly values: readonly (readonly unknown[])[];
  /**
   * Tuple-tree tracking of each tuple, parallel to `destTasks` (`null` for an untracked tuple):
   * per root, the root id and the 64-bit ack value as two int32 halves. Absent when no tuple of
   * the batch is tracked.
   */
  readonly tracks?: readonly (readonly number[] | null)[];
}

/**
 * Backpressure status of the sending worker's tasks (Storm 2's `BackPressureStatus`): the complete
 * list of its tasks whose receive queues are full. Receivers stop emitting to those tasks until a
 * later status leaves them out. Sent whenever the list changes.
 */
export interface BackpressureStatus {
  readonly kind: 'backpressure';
  readonly overloadedTasks: readonly number[];
}

/** Every message kind a transport carries. */
export type TransportMessage = DataBatch | BackpressureStatus;

export const MESSAGE_KINDS = ['data', 'backpressure'] as const satisfies readonly TransportMessage['kind'][];
