/**
 * Reusable spouts and bolts for runtime tests. `FnSpout` and `FnBolt` take their behaviour as
 * callbacks, so a test states what a component does next to its assertions; the named fixtures
 * (`SentenceSpout`, `SplitBolt`, `CountBolt`, `SequenceSpout`) are the shapes several tests share.
 * Factories are called once more by `createTopology` (to learn the streams): count lifecycle
 * calls, never instances.
 */
import { BaseBasicBolt, BaseBolt, BaseSpout, TopologyBuilder } from '../../src/api/index.js';
import type {
  Topology,
  BasicOutputCollector,
  MessageId,
  OutputCollector,
  OutputFieldsDeclarer,
  SpoutOutputCollector,
  TopologyContext,
  Tuple,
} from '../../src/api/index.js';

/** Declared output streams: stream id to field names (and whether the stream is direct). */
export type OutputsSpec = Readonly<
  Record<string, readonly string[] | { fields: readonly string[]; direct: true }>
>;

function declareAll(d: OutputFieldsDeclarer, outputs: OutputsSpec): void {
  for (const [stream, spec] of Object.entries(outputs)) {
    if (Array.isArray(spec)) d.declareStream(stream, spec);
    else if ('direct' in spec) d.declareStream(stream, spec.fields, { direct: true });
  }
}

/** What an {@link FnSpout} does; every callback but `nextTuple` is optional. */
export interface SpoutBehaviour {
  readonly outputs?: OutputsSpec;
  open?(context: TopologyContext, collector: SpoutOutputCollector): void;
  nextTuple(collector: SpoutOutputCollector, context: TopologyContext): void;
  ack?(id: MessageId): void;
  fail?(id: MessageId): void;
  activate?(): void;
  deactivate?(): void;
  close?(): void;
}

/** A spout made of callbacks. */
export class FnSpout extends BaseSpout {
  constructor(private readonly b: SpoutBehaviour) {
    super();
  }

  override open(context: TopologyContext, collector: SpoutOutputCollector): void {
    super.open(context, collector);
    this.b.open?.(context, collector);
  }

  nextTuple(): void {
    this.b.nextTuple(this.collector, this.context);
  }

  override ack(id: MessageId): void {
    this.b.ack?.(id);
  }

  override fail(id: MessageId): void {
    this.b.fail?.(id);
  }

  override activate(): void {
    this.b.activate?.();
  }

  override deactivate(): void {
    this.b.deactivate?.();
  }

  override close(): void {
    this.b.close?.();
  }

  declareOutputFields(d: OutputFieldsDeclarer): void {
    declareAll(d, this.b.outputs ?? { default: ['value'] });
  }
}

/** What an {@link FnBolt} does. `execute` acks the tuple itself unless `autoAck` is on. */
export interface BoltBehaviour {
  readonly outputs?: OutputsSpec;
  /** Ack every input after `execute` returns without throwing (default true). */
  readonly autoAck?: boolean;
  prepare?(context: TopologyContext, collector: OutputCollector): void;
  execute(tuple: Tuple, collector: OutputCollector, context: TopologyContext): void;
  cleanup?(): void;
}

/** A rich bolt made of callbacks. */
export class FnBolt extends BaseBolt {
  constructor(private readonly b: BoltBehaviour) {
    super();
  }

  override prepare(context: TopologyContext, collector: OutputCollector): void {
    super.prepare(context, collector);
    this.b.prepare?.(context, collector);
  }

  execute(tuple: Tuple): void {
    this.b.execute(tuple, this.collector, this.context);
    if (this.b.autoAck ?? true) this.collector.ack(tuple);
  }

  override cleanup(): void {
    this.b.cleanup?.();
  }

  override declareOutputFields(d: OutputFieldsDeclarer): void {
    declareAll(d, this.b.outputs ?? {});
  }
}

/** What an {@link FnBasicBolt} does. */
export interface BasicBoltBehaviour {
  readonly outputs?: OutputsSpec;
  prepare?(context: TopologyContext): void;
  execute(tuple: Tuple, collector: BasicOutputCollector, context: TopologyContext): void;
  cleanup?(): void;
}

/** A basic bolt made of callbacks. */
export class FnBasicBolt extends BaseBasicBolt {
  constructor(private readonly b: BasicBoltBehaviour) {
    super();
  }

  override prepare(context: TopologyContext): void {
    super.prepare(context);
    this.b.prepare?.(context);
  }

  execute(tuple: Tuple, collector: BasicOutputCollector): void {
    this.b.execute(tuple, collector, this.context);
  }

  override cleanup(): void {
    this.b.cleanup?.();
  }

  override declareOutputFields(d: OutputFieldsDeclarer): void {
    declareAll(d, this.b.outputs ?? {});
  }
}

/** A spout that never emits (a source for bolts that only need ticks). */
export function idleSpout(): FnSpout {
  return new FnSpout({ nextTuple() {} });
}

type SentenceOut = { default: [sentence: string] };

/** Emits the given sentences once each, `perCall` per `nextTuple`, on field `sentence`. */
export class SentenceSpout extends BaseSpout<SentenceOut> {
  #next = 0;

  constructor(
    private readonly sentences: readonly string[],
    private readonly perCall = 1,
  ) {
    super();
  }

  nextTuple(): void {
    for (let i = 0; i < this.perCall && this.#next < this.sentences.length; i++) {
      this.collector.emit([this.sentences[this.#next++]!]);
    }
  }

  declareOutputFields(d: OutputFieldsDeclarer<SentenceOut>): void {
    d.declare(['sentence']);
  }
}

type WordOut = { default: [word: string] };

/** Splits `sentence` on spaces, one `word` per tuple. */
export class SplitBolt extends BaseBasicBolt<{ sentence: string }, WordOut> {
  execute(tuple: Tuple<{ sentence: string }>, collector: BasicOutputCollector<WordOut>): void {
    for (const word of tuple.get('sentence').split(' ')) if (word.length > 0) collector.emit([word]);
  }

  override declareOutputFields(d: OutputFieldsDeclarer<WordOut>): void {
    d.declare(['word']);
  }
}

/** Counts `word`s; each task publishes its counts into `sink` under its task id on cleanup. */
export class CountBolt extends BaseBasicBolt<{ word: string }> {
  readonly #counts = new Map<string, number>();

  constructor(private readonly sink: Map<number, ReadonlyMap<string, number>>) {
    super();
  }

  execute(tuple: Tuple<{ word: string }>): void {
    const word = tuple.get('word');
    this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
  }

  override cleanup(): void {
    this.sink.set(this.context.thisTaskId, this.#counts);
  }
}

/**
 * Emits `[source, seq]`: its own task id and 0, 1, 2 … up to `limit` tuples, `perCall` per
 * `nextTuple` call.
 */
type SequenceOut = { default: [source: number, seq: number] };

export class SequenceSpout extends BaseSpout<SequenceOut> {
  #seq = 0;

  constructor(
    private readonly limit: number,
    private readonly perCall = 1,
  ) {
    super();
  }

  get emitted(): number {
    return this.#seq;
  }

  nextTuple(): void {
    for (let i = 0; i < this.perCall && this.#seq < this.limit; i++) {
      this.collector.emit([this.context.thisTaskId, this.#seq++]);
    }
  }

  declareOutputFields(d: OutputFieldsDeclarer<SequenceOut>): void {
    d.declare(['source', 'seq']);
  }
}

/** Spins for `ms` milliseconds: a deterministic stand-in for slow user code. */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/**
 * 11 executors over 21 tasks in 4 components declared out of sorted order: zeta (spout, 2),
 * beta (3 executors, 7 tasks), alpha (2, 2), gamma (4, 10). Shapes task numbering and placement.
 */
export function wideTopology(workers = 1): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout('zeta', idleSpout, 2);
  builder
    .setBolt('beta', () => new FnBolt({ execute() {} }), 3)
    .setNumTasks(7)
    .shuffleGrouping('zeta');
  builder
    .setBolt('alpha', () => new FnBolt({ execute() {} }), 2)
    .setNumTasks(2)
    .shuffleGrouping('zeta');
  builder
    .setBolt('gamma', () => new FnBolt({ execute() {} }), 4)
    .setNumTasks(10)
    .shuffleGrouping('zeta');
  return builder.createTopology({ workers });
}
