import type { TopologyConfig } from '../../api/config.js';
import type { Fields } from '../../api/fields.js';
import { DEFAULT_STREAM } from '../../api/streams.js';
import type { TaskLogger } from '../../api/task-logger.js';
import type { InputInfo, TopologyContext } from '../../api/topology-context.js';
import type { TaskPlan } from '../plan/task-plan.js';

/** The logger of a context made without one (unit tests): writes nothing. */
const SILENT_TASK_LOGGER: TaskLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  isLevelEnabled: () => false,
};

/** The context of one task. */
export class TopologyContextImpl implements TopologyContext {
  readonly thisTaskIndex: number;
  readonly componentIds: readonly string[];

  constructor(
    readonly topologyName: string,
    readonly thisTaskId: number,
    readonly thisComponentId: string,
    readonly thisWorkerTasks: readonly number[],
    readonly config: TopologyConfig,
    /** The plan of the whole topology (multilang sends its shape to subprocesses). */
    readonly plan: TaskPlan,
    /** This task's logger (silent when left out, as in unit tests). */
    readonly log: TaskLogger = SILENT_TASK_LOGGER,
  ) {
    this.thisTaskIndex = plan.tasksOf(thisComponentId).indexOf(thisTaskId);
    this.componentIds = [...plan.componentTasks.keys()];
  }

  getComponentTasks(componentId: string): readonly number[] {
    return this.plan.tasksOf(componentId);
  }

  getTaskComponent(taskId: number): string | undefined {
    return this.plan.taskComponent.get(taskId);
  }

  getOutputFields(componentId: string, streamId: string = DEFAULT_STREAM): Fields | undefined {
    return this.plan.topology.components.get(componentId)?.outputs.get(streamId)?.fields;
  }

  getThisStreams(): readonly string[] {
    return [...(this.plan.topology.components.get(this.thisComponentId)?.outputs.keys() ?? [])];
  }

  getThisSources(): readonly InputInfo[] {
    const c = this.plan.topology.components.get(this.thisComponentId);
    if (c === undefined || c.kind !== 'bolt') return [];
    return c.inputs.map((s) => ({ component: s.component, stream: s.stream, grouping: s.grouping.kind }));
  }
}
