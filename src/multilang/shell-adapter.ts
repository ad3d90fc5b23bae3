/**
 * The component adapter that runs shell components: a `ShellBolt` becomes a
 * {@link ShellBoltRunner}, a `ShellSpout` a {@link ShellSpoutRunner}; other components stay.
 * Every worker (local, threads, cluster) passes it to its runtime.
 */
import { shellSpecOf } from '../api/shell-component.js';
import type { ComponentAdapter } from '../runtime/index.js';
import { ShellBoltRunner } from './shell-bolt-runner.js';
import { ShellSpoutRunner } from './shell-spout-runner.js';

export const shellAdapter: ComponentAdapter = {
  spout(instance, task) {
    const spec = shellSpecOf(instance);
    return spec === null ? instance : new ShellSpoutRunner(spec, task.logger);
  },
  bolt(instance, task) {
    const spec = shellSpecOf(instance);
    return spec === null ? instance : new ShellBoltRunner(spec, task.logger);
  },
};
