/**
 * What `gale submit` ships besides the bundle: the directory of each shell component (its `cwd`,
 * resolved against the submitter's working directory), packed into a resources archive and stored
 * by its content hash like a bundle. Workers unpack each archive once per machine and run the
 * subprocesses in their copy.
 */
import { resolve } from 'node:path';
import { shellSpecOf } from '../api/shell-component.js';
import type { Topology } from '../api/topology.js';
import type { ClusterStore } from '../cluster/store/cluster-store.js';
import type { TopologyRecord } from '../cluster/store/records.js';
import { packResources } from '../multilang/resources-archive.js';

type Resources = NonNullable<TopologyRecord['resources']>;

/** The distinct `cwd` directories of the shell components (absolute), with their components. */
export function shellDirectories(topology: Topology, base = process.cwd()): Map<string, string[]> {
  const dirs = new Map<string, string[]>();
  for (const [id, def] of topology.components) {
    // Called once, as createTopology does, to read the shell spec the instance carries.
    const instance: unknown = def.factory();
    if (typeof instance !== 'object' || instance === null) continue;
    const cwd = shellSpecOf(instance)?.options.cwd;
    if (cwd === undefined) continue;
    const dir = resolve(base, cwd);
    dirs.set(dir, [...(dirs.get(dir) ?? []), id]);
  }
  return dirs;
}

/** A shell component directory packed, ready to store. */
export interface PackedResources {
  readonly dir: string;
  readonly components: string[];
  readonly archive: Buffer;
}

/** Packs each shell component directory (before anything reaches the cluster). */
export function packShellResources(topology: Topology): PackedResources[] {
  return [...shellDirectories(topology)].map(([dir, components]) => ({
    dir,
    components,
    archive: packResources(dir),
  }));
}

/** Stores the archives by content hash, as bundles are; what the topology record lists. */
export async function storeResources(
  store: ClusterStore,
  packed: readonly PackedResources[],
): Promise<Resources> {
  const out: Resources = [];
  for (const { dir, components, archive } of packed)
    out.push({ dir, components, hash: await store.putBundle(archive) });
  return out;
}
