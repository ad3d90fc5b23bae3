/**
 * The component adapter that runs shell components: a `ShellBolt` becomes a
 * {@link ShellBoltRunner}, a `ShellSpout` a {@link ShellSpoutRunner}; other components stay.
 * Every worker (local, threads, cluster) passes it to its runtime.
 */
import { shellSpecOf, type ShellSpec } from '../api/shell-component.js';
import type { ComponentAdapter } from '../runtime/index.js';
import { ShellBoltRunner } from './shell-bolt-runner.js';
import { ShellSpoutRunner } from './shell-spout-runner.js';

export interface ShellAdapterOptions {
  /**
   * The directory a shell component's subprocess runs in, given its `cwd` option (undefined when
   * it has none) and its component id: a cluster worker maps it to its copy of the directory
   * shipped with the topology. Default: `cwd` as is.
   */
  readonly resolveCwd?: (cwd: string | undefined, component: string) => string | undefined;
}

/** A shell adapter whose subprocesses run in the directories `resolveCwd` gives. */
export function createShellAdapter(options: ShellAdapterOptions = {}): ComponentAdapter {
  const { resolveCwd } = options;
  const localSpec = (spec: ShellSpec, component: string): ShellSpec => {
    if (resolveCwd === undefined) return spec;
    const cwd = resolveCwd(spec.options.cwd, component);
    return cwd === spec.options.cwd ? spec : { ...spec, options: { ...spec.options, cwd } };
  };
  return {
    spout(instance, task) {
      const spec = shellSpecOf(instance);
      return spec === null ? instance : new ShellSpoutRunner(localSpec(spec, task.component), task.logger);
    },
    bolt(instance, task) {
      const spec = shellSpecOf(instance);
      return spec === null ? instance : new ShellBoltRunner(localSpec(spec, task.component), task.logger);
    },
  };
}

/** The shell adapter of local and thread workers: subprocesses run in their `cwd` as given. */
export const shellAdapter: ComponentAdapter = createShellAdapter();
