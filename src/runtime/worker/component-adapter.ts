/**
 * A hook of the worker's owner that may replace a component instance before its task starts:
 * how shell components (`ShellBolt`, `ShellSpout`, descriptions in the api) become the runners of
 * the multilang layer, which the runtime does not import.
 */
import type { BasicBolt, Bolt } from '../../api/bolt.js';
import type { Spout } from '../../api/spout.js';
import type { Logger } from './logger.js';

export interface AdaptedTask {
  readonly component: string;
  readonly taskId: number;
  /** The task's logger (component and task bound). */
  readonly logger: Logger;
}

export interface ComponentAdapter {
  spout(instance: Spout, task: AdaptedTask): Spout;
  bolt(instance: Bolt | BasicBolt, task: AdaptedTask): Bolt | BasicBolt;
}
