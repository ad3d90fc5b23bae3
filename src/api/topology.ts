/**
 * `Topology`: the validated, frozen definition of a graph of spouts and bolts, as built by
 * {@link TopologyBuilder}. Components are made by factories and never serialized.
 *
 * @module
 */
import type { BasicBolt, Bolt } from './bolt.js';
import type { ComponentConfig, TopologyConfig } from './config.js';
import type { Fields } from './fields.js';
import type { GroupingSpec } from './grouping.js';
import type { Spout } from './spout.js';

/** A function that makes a fresh spout instance; called once per task. */
export type SpoutFactory = () => Spout;
/** A function that makes a fresh bolt instance; called once per task. */
export type BoltFactory = () => Bolt | BasicBolt;

/** One subscription of a bolt to a stream. */
export interface Subscription {
  /** The upstream component. */
  readonly component: string;
  /** The upstream stream. */
  readonly stream: string;
  /** How the stream is split among the subscriber's tasks. */
  readonly grouping: GroupingSpec;
}

/** One declared output stream. */
export interface StreamDeclaration {
  readonly id: string;
  readonly fields: Fields;
  readonly direct: boolean;
}

interface ComponentCommon {
  readonly id: string;
  /** Number of executors (threads of work) the component starts with. */
  readonly parallelism: number;
  /** Number of tasks (instances), fixed for the topology's lifetime; at least `parallelism`. */
  readonly numTasks: number;
  /** The component's own settings (override the topology's). */
  readonly config: ComponentConfig;
  /** Declared output streams by id. */
  readonly outputs: ReadonlyMap<string, StreamDeclaration>;
}

/** A spout of a topology. */
export interface SpoutDefinition extends ComponentCommon {
  readonly kind: 'spout';
  readonly factory: SpoutFactory;
}

/** A bolt of a topology. */
export interface BoltDefinition extends ComponentCommon {
  readonly kind: 'bolt';
  readonly factory: BoltFactory;
  readonly inputs: readonly Subscription[];
}

/** A component of a topology. */
export type ComponentDefinition = SpoutDefinition | BoltDefinition;

const TOPOLOGY = Symbol.for('gale.topology');

/** A validated topology, ready to run. */
export interface Topology {
  readonly [TOPOLOGY]: true;
  /** Components by id, in the order they were declared. */
  readonly components: ReadonlyMap<string, ComponentDefinition>;
  /** The validated topology config. */
  readonly config: TopologyConfig;
}

/** Whether `value` is a {@link Topology} made by {@link TopologyBuilder.createTopology}. */
export function isTopology(value: unknown): value is Topology {
  return typeof value === 'object' && value !== null && TOPOLOGY in value && value[TOPOLOGY] === true;
}

/** @internal Used by the builder to brand what it creates. */
export function brandTopology(
  components: ReadonlyMap<string, ComponentDefinition>,
  config: TopologyConfig,
): Topology {
  return Object.freeze({ [TOPOLOGY]: true as const, components, config });
}
