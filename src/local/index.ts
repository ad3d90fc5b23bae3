/**
 * `gale/local`: run topologies inside this process.
 *
 * @module
 */
export { LocalCluster } from './local-cluster.js';
export type { KillOptions, KillReport, LocalClusterOptions, LocalTopologyInfo } from './local-cluster.js';
export type {
  ComponentSummary,
  ErrorRecord,
  Logger,
  StopReport,
  TaskStatsSnapshot,
  WorkerState,
} from '../runtime/index.js';
