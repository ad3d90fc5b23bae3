/**
 * Loads a topology module in a worker process or thread: a JavaScript module (in cluster mode, the bundle
 * `gale submit` made) whose default export is a topology or a function returning one. With
 * `overrides`, they are laid over the topology's config (see `withConfig`).
 */
import { pathToFileURL } from 'node:url';
import { isTopology, type Topology } from '../../api/topology.js';
import { withConfig } from './with-config.js';

export async function loadTopologyModule(
  file: string,
  overrides?: Record<string, unknown>,
): Promise<Topology> {
  const mod: unknown = await import(pathToFileURL(file).href);
  let exported = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
  if (typeof exported === 'function') exported = await Reflect.apply(exported, undefined, []);
  if (!isTopology(exported)) throw new Error(`${file}: the default export is not a topology`);
  return overrides === undefined ? exported : withConfig(exported, overrides);
}
