/**
 * The runtime: executing one worker's share of a topology. Internal to Gale (used by `local/`,
 * later by cluster workers); not part of the public API.
 *
 * @internal
 * @module
 */
export { WorkerRuntime, WORKER_STATES } from './worker/worker-runtime.js';
export type { StopReport, WorkerRuntimeOptions, WorkerState } from './worker/worker-runtime.js';
export type { Logger } from './worker/logger.js';
export { childLogger, silentLogger } from './worker/logger.js';
export { createProcessLogger, prettyLineFormatter } from './worker/process-logger.js';
export type { ProcessLoggerOptions, LogLevel } from './worker/process-logger.js';
export { LOG_LEVELS, isLogLevel } from './worker/process-logger.js';
export { TaskPlan } from './plan/task-plan.js';
export { TopologyContextImpl } from './worker/topology-context-impl.js';
export { INPUT_ROOM, INPUTS_HELD, type InputPausable } from './executor/input-pausable.js';
export type { AdaptedTask, ComponentAdapter } from './worker/component-adapter.js';
export { OutputCollectorImpl } from './collector/output-collector-impl.js';
export { SpoutOutputCollectorImpl } from './collector/spout-output-collector-impl.js';
export { loadTopologyModule } from './plan/load-topology-module.js';
export { withConfig } from './plan/with-config.js';
export { runtimeTopology, ackerCount, workerCount } from './plan/runtime-topology.js';
export type { RuntimeTopology, RuntimeComponent } from './plan/runtime-topology.js';
export type { ExecutorPlan } from './plan/task-plan.js';
export type { ErrorRecord } from './stats/error-log.js';
export type { EdgeCount, TaskStatsSnapshot } from './stats/task-stats.js';
export type { LatencySummary } from './stats/latency-histogram.js';
export { summarize } from './stats/component-summary.js';
export { mergeLatency, type ComponentSummary } from './stats/component-summary.js';
export { stableHash, stableHashOf } from './routing/stable-hash.js';
