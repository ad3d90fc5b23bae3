/**
 * `gale/local`: run topologies inside this process.
 *
 * @module
 */
export { isValidTopologyName, LocalCluster, TOPOLOGY_NAME_RULE } from './local-cluster.js';
export type { KillOptions, KillReport, LocalClusterOptions, LocalTopologyInfo } from './local-cluster.js';
export type {
  ComponentSummary,
  ErrorRecord,
  LatencySummary,
  Logger,
  StopReport,
  TaskStatsSnapshot,
  WorkerState,
} from '../runtime/index.js';
