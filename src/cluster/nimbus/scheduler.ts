/**
 * Where a topology's executors run: the pluggable part of nimbus (Storm's `IScheduler`). A scheduler
 * is a pure function of its input, so the same cluster state always gives the same assignment, and
 * a new leader computes what the old one would have.
 */
import type { AssignmentRecord, SupervisorRecord, WorkerAssignment } from '../store/records.js';

/** An executor: the tasks of one component that run together. */
export interface ExecutorSpec {
  readonly component: string;
  readonly taskIds: readonly number[];
}

export interface SchedulingInput {
  readonly executors: readonly ExecutorSpec[];
  /** Workers the topology asks for (fewer when there are not enough free slots). */
  readonly workers: number;
  /** Supervisors alive now. */
  readonly supervisors: readonly SupervisorRecord[];
  /** Slots (`supervisor:port`) taken by other topologies. */
  readonly occupied: ReadonlySet<string>;
  /** The topology's assignment so far, if any: workers on live slots keep their executors. */
  readonly current?: AssignmentRecord;
}

export interface Scheduler {
  readonly name: string;
  /** The workers of the topology and their tasks; empty when no slot is free. */
  schedule(input: SchedulingInput): WorkerAssignment[];
}
