/**
 * `TopologyContext`: what a task knows about itself and the topology it runs in.
 *
 * @module
 */
import type { Fields } from './fields.js';
import type { TopologyConfig } from './config.js';
import type { GroupingKind } from './grouping.js';
import type { TaskLogger } from './task-logger.js';

/** One input of a component, as seen from the context. */
export interface InputInfo {
  /** The upstream component. */
  readonly component: string;
  /** The upstream stream. */
  readonly stream: string;
  /** How the stream is split among this component's tasks. */
  readonly grouping: GroupingKind;
}

/** Passed to `open` / `prepare`. */
export interface TopologyContext {
  /** The name the topology was submitted under. */
  readonly topologyName: string;
  /** This task's id, unique in the topology. */
  readonly thisTaskId: number;
  /** This task's component id. */
  readonly thisComponentId: string;
  /** This task's position (0-based) among its component's tasks. */
  readonly thisTaskIndex: number;
  /** Task ids of every task (of any component) running in this worker, ascending. */
  readonly thisWorkerTasks: readonly number[];
  /** The effective config of this component (its own settings over the topology's). */
  readonly config: TopologyConfig;
  /** Every component id of the topology (without system components), sorted. */
  readonly componentIds: readonly string[];
  /** The task ids of `componentId`, ascending (empty for an unknown component). */
  getComponentTasks(componentId: string): readonly number[];
  /** The component that runs task `taskId`, if any. */
  getTaskComponent(taskId: number): string | undefined;
  /** The fields of `componentId`'s stream `streamId` (default stream when left out). */
  getOutputFields(componentId: string, streamId?: string): Fields | undefined;
  /** The streams this component declared. */
  getThisStreams(): readonly string[];
  /** The inputs of this component. */
  getThisSources(): readonly InputInfo[];
  /**
   * This task's logger: every line it writes carries the topology, this component and task, the
   * worker and the host (see {@link TaskLogger}).
   */
  readonly log: TaskLogger;
}
