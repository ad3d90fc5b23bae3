/**
 * Gale's public API: everything a topology author imports from `gale`.
 *
 * - {@link TopologyBuilder} declares spouts, bolts and groupings, and validates them at once.
 * - {@link BaseSpout}, {@link BaseBolt} and {@link BaseBasicBolt} are the classes to extend.
 * - {@link Tuple}, {@link Fields} and the collectors are what components work with.
 *
 * To run a topology in this process, use `LocalCluster` from `gale/local`, or `gale run`.
 *
 * @module
 */
export { BaseBasicBolt, BaseBolt, isBasicBolt } from './bolt.js';
export type { BasicBolt, Bolt } from './bolt.js';
export {
  BOLT_ERROR_POLICIES,
  checkTopologyConfig,
  componentConfigSchema,
  effectiveConfig,
  parseTopologyConfig,
  TOPOLOGY_CONFIG_KEYS,
  topologyConfigSchema,
} from './config.js';
export type {
  BoltErrorPolicy,
  ComponentConfig,
  ComponentConfigInput,
  TopologyConfig,
  TopologyConfigInput,
} from './config.js';
export {
  ConfigValidationError,
  ERROR_CODES,
  FailedTupleError,
  formatProblems,
  GaleError,
  TopologyValidationError,
} from './errors.js';
export type { ErrorCode, ErrorDetails, ErrorDomain, GaleErrorOptions, Problem } from './errors.js';
export { Fields, toFields } from './fields.js';
export { registerTupleType, tupleTypeRegistry } from './tuple-types.js';
export type { TupleType } from './tuple-types.js';
export type { FieldsLike } from './fields.js';
export { GROUPINGS } from './grouping.js';
export type {
  CustomStreamGrouping,
  GroupingContext,
  GroupingKind,
  GroupingSpec,
  RangeKey,
} from './grouping.js';
export type {
  Anchors,
  BasicOutputCollector,
  ErrorReporter,
  OutputCollector,
  SpoutOutputCollector,
  TaskIdsOfLastEmit,
} from './output-collector.js';
export type { OutputFieldsDeclarer, StreamOptions } from './output-fields-declarer.js';
export { ReliableSpout } from './reliable-spout.js';
export type { ReliableMessage, ReliableSpoutOptions } from './reliable-spout.js';
export { ShellBolt, ShellSpout } from './shell-component.js';
export type { ShellOptions } from './shell-component.js';
export { BaseSpout } from './spout.js';
export type { Spout } from './spout.js';
export { DEFAULT_STREAM } from './streams.js';
export type {
  AnyStreams,
  AnyTupleShape,
  DefaultValues,
  FieldNamesFor,
  MessageId,
  OutputStreams,
  StreamId,
  TupleShape,
} from './streams.js';
export { isTopology } from './topology.js';
export type {
  BoltDefinition,
  BoltFactory,
  ComponentDefinition,
  SpoutDefinition,
  SpoutFactory,
  StreamDeclaration,
  Subscription,
  Topology,
} from './topology.js';
export { TopologyBuilder } from './topology-builder.js';
export type { BoltDeclarer, ComponentDeclarer, SpoutDeclarer } from './topology-builder.js';
export type { InputInfo, TopologyContext } from './topology-context.js';
export { TASK_LOG_LEVELS } from './task-logger.js';
export type { LogFields, TaskLogger, TaskLogLevel } from './task-logger.js';
export { isTickTuple, SYSTEM_COMPONENT, SYSTEM_TASK, TICK_STREAM } from './tuple.js';
export type { Tuple } from './tuple.js';
