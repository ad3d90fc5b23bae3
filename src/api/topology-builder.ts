/**
 * `TopologyBuilder`: declares spouts, bolts and the groupings between them, then validates the
 * whole graph at once in {@link TopologyBuilder.createTopology}.
 *
 * @module
 */
import type { BasicBolt, Bolt } from './bolt.js';
import type { ComponentConfigInput, TopologyConfigInput } from './config.js';
import type { FieldsLike } from './fields.js';
import type { CustomStreamGrouping, RangeKey } from './grouping.js';
import type { Spout } from './spout.js';
import { DEFAULT_STREAM, type OutputStreams, type TupleShape } from './streams.js';
import type { Topology } from './topology.js';
import { validateTopology, type RawComponent, type RawGrouping } from './topology-validation.js';

/** Settings every component declarer offers. */
export interface ComponentDeclarer<Self> {
  /** Number of tasks (fixed for the topology's lifetime); defaults to the parallelism. */
  setNumTasks(numTasks: number): Self;
  /** Per-component settings; they override the topology config for this component. */
  addConfiguration(config: ComponentConfigInput): Self;
  /** Shorthand for `addConfiguration({ tickTupleFreqSecs })`. */
  setTickFrequency(seconds: number): Self;
}

/** Returned by {@link TopologyBuilder.setSpout}. */
export type SpoutDeclarer = ComponentDeclarer<SpoutDeclarer>;

/**
 * Returned by {@link TopologyBuilder.setBolt}: one method per grouping, each subscribing the bolt
 * to a stream of another component (the default stream when none is named). Chainable.
 */
export interface BoltDeclarer extends ComponentDeclarer<BoltDeclarer> {
  /** Random, balanced: every task gets the same share. */
  shuffleGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /** Tuples with equal values in `fields` go to the same task (a stable hash, the same in every process). */
  fieldsGrouping(componentId: string, fields: FieldsLike): BoltDeclarer;
  fieldsGrouping(componentId: string, streamId: string, fields: FieldsLike): BoltDeclarer;
  /** Like fields grouping, but each key is balanced between two candidate tasks (for skewed keys). */
  partialKeyGrouping(componentId: string, fields: FieldsLike): BoltDeclarer;
  partialKeyGrouping(componentId: string, streamId: string, fields: FieldsLike): BoltDeclarer;
  /** Every task gets a copy of every tuple. */
  allGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /** The whole stream goes to the task with the lowest id. */
  globalGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /** No preference: currently the same as shuffle. */
  noneGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /** The emitter picks the task with `emitDirect`; the stream must be declared direct. */
  directGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /** Shuffle among the tasks in the emitter's worker if there are any, else among all. */
  localOrShuffleGrouping(componentId: string, streamId?: string): BoltDeclarer;
  /**
   * Ordered key ranges: with boundaries `b0 < b1 < … < bk` (one fewer than the bolt's tasks), a
   * key below `b0` goes to the first task, a key in `[b(i-1), bi)` to task i, a key from `bk` on
   * to the last task. Keys are numbers, strings or bigints, one kind per grouping.
   */
  rangeGrouping(componentId: string, field: string, boundaries: readonly RangeKey[]): BoltDeclarer;
  rangeGrouping(
    componentId: string,
    streamId: string,
    field: string,
    boundaries: readonly RangeKey[],
  ): BoltDeclarer;
  /** A user-defined grouping; `factory` makes one instance per emitting task. */
  customGrouping(componentId: string, factory: () => CustomStreamGrouping): BoltDeclarer;
  customGrouping(componentId: string, streamId: string, factory: () => CustomStreamGrouping): BoltDeclarer;
}

class ComponentDeclarerImpl {
  constructor(protected readonly raw: RawComponent) {}

  setNumTasks(numTasks: number): this {
    this.raw.numTasks = numTasks;
    return this;
  }

  addConfiguration(config: ComponentConfigInput): this {
    this.raw.configs.push(config);
    return this;
  }

  setTickFrequency(seconds: number): this {
    return this.addConfiguration({ tickTupleFreqSecs: seconds });
  }
}

class BoltDeclarerImpl extends ComponentDeclarerImpl implements BoltDeclarer {
  #subscribe(component: string, stream: string | undefined, grouping: RawGrouping): this {
    this.raw.inputs.push({ component, stream: stream ?? DEFAULT_STREAM, grouping });
    return this;
  }

  shuffleGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'shuffle' });
  }

  fieldsGrouping(componentId: string, a: string | FieldsLike, b?: FieldsLike): this {
    const [stream, fields] = typeof a === 'string' ? [a, b] : [undefined, a];
    return this.#subscribe(componentId, stream, { kind: 'fields', fields });
  }

  partialKeyGrouping(componentId: string, a: string | FieldsLike, b?: FieldsLike): this {
    const [stream, fields] = typeof a === 'string' ? [a, b] : [undefined, a];
    return this.#subscribe(componentId, stream, { kind: 'partialKey', fields });
  }

  allGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'all' });
  }

  globalGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'global' });
  }

  noneGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'none' });
  }

  directGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'direct' });
  }

  localOrShuffleGrouping(componentId: string, streamId?: string): this {
    return this.#subscribe(componentId, streamId, { kind: 'localOrShuffle' });
  }

  rangeGrouping(
    componentId: string,
    a: string,
    b: string | readonly RangeKey[],
    c?: readonly RangeKey[],
  ): this {
    if (typeof b === 'string')
      return this.#subscribe(componentId, a, { kind: 'range', field: b, boundaries: c });
    return this.#subscribe(componentId, undefined, { kind: 'range', field: a, boundaries: b });
  }

  customGrouping(
    componentId: string,
    a: string | (() => CustomStreamGrouping),
    b?: () => CustomStreamGrouping,
  ): this {
    if (typeof a === 'string') return this.#subscribe(componentId, a, { kind: 'custom', factory: b });
    return this.#subscribe(componentId, undefined, { kind: 'custom', factory: a });
  }
}

/**
 * Builds a topology: `setSpout` and `setBolt` declare components (made by factories, one
 * instance per task), the returned declarers subscribe bolts to streams, and `createTopology`
 * validates everything at once.
 *
 * @example
 * ```ts
 * type Sentence = { default: [sentence: string] };
 * type Word = { default: [word: string] };
 * class Sentences extends BaseSpout<Sentence> {
 *   nextTuple() { this.collector.emit(['the cow jumped over the moon']); }
 *   declareOutputFields(d: OutputFieldsDeclarer<Sentence>) { d.declare(['sentence']); }
 * }
 * class Split extends BaseBasicBolt<{ sentence: string }, Word> {
 *   execute(t: Tuple<{ sentence: string }>, c: BasicOutputCollector<Word>) {
 *     for (const w of t.get('sentence').split(' ')) c.emit([w]);
 *   }
 *   override declareOutputFields(d: OutputFieldsDeclarer<Word>) { d.declare(['word']); }
 * }
 * class Count extends BaseBasicBolt<{ word: string }> {
 *   readonly counts = new Map<string, number>();
 *   execute(t: Tuple<{ word: string }>) {
 *     const w = t.get('word');
 *     this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
 *   }
 * }
 *
 * const builder = new TopologyBuilder();
 * builder.setSpout('sentences', () => new Sentences(), 1);
 * builder.setBolt('split', () => new Split(), 2).shuffleGrouping('sentences');
 * builder.setBolt('count', () => new Count(), 2).fieldsGrouping('split', ['word']);
 * export default builder.createTopology({ tickTupleFreqSecs: 1 });
 * ```
 */
export class TopologyBuilder {
  readonly #components: RawComponent[] = [];

  /** Declares a spout with `parallelism` executors (default 1). */
  setSpout<O extends OutputStreams>(id: string, factory: () => Spout<O>, parallelism = 1): SpoutDeclarer {
    const raw = this.#add(id, 'spout', factory, parallelism);
    return new ComponentDeclarerImpl(raw);
  }

  /** Declares a bolt with `parallelism` executors (default 1); subscribe it through the returned declarer. */
  setBolt<I extends TupleShape, O extends OutputStreams>(
    id: string,
    factory: () => Bolt<I, O> | BasicBolt<I, O>,
    parallelism = 1,
  ): BoltDeclarer {
    const raw = this.#add(id, 'bolt', factory, parallelism);
    return new BoltDeclarerImpl(raw);
  }

  /**
   * Validates the graph and the config and returns the frozen topology. Each factory is called
   * once here, to learn the streams its component declares.
   *
   * @throws TopologyValidationError listing every problem (with the component, stream or key).
   */
  createTopology(config: TopologyConfigInput = {}): Topology {
    return validateTopology(this.#components, config);
  }

  #add(id: string, kind: 'spout' | 'bolt', factory: unknown, parallelism: unknown): RawComponent {
    const raw: RawComponent = {
      id,
      kind,
      factory,
      parallelism,
      numTasks: undefined,
      configs: [],
      inputs: [],
    };
    this.#components.push(raw);
    return raw;
  }
}
