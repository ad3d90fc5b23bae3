/**
 * Type-level tests of the public API (STYLE.md H17). This file is only type-checked by the build:
 * nothing here runs. A wrong type makes `tsc` fail, either through an `Expect<Equal<…>>` that is
 * not `true` or through a `@ts-expect-error` line that no longer errors.
 */
import {
  BaseBasicBolt,
  BaseBolt,
  BaseSpout,
  Fields,
  TopologyBuilder,
  type AnyStreams,
  type BasicOutputCollector,
  type DefaultValues,
  type OutputCollector,
  type OutputFieldsDeclarer,
  type SpoutOutputCollector,
  type Tuple,
} from '../../src/api/index.js';

/** `true` when `A` and `B` are the same type (not merely assignable to each other). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `T` is `true`. */
export type Expect<T extends true> = T;

type Words = { default: [word: string] };
type Lines = { default: [line: string]; errors: [line: string, reason: string] };

// --- Tuple --------------------------------------------------------------------------------------

export function typedTupleGet(tuple: Tuple<{ word: string; count: number }>): void {
  const _word = tuple.get('word');
  const _count = tuple.get('count');
  const _wordIsString: Expect<Equal<typeof _word, string>> = true;
  const _countIsNumber: Expect<Equal<typeof _count, number>> = true;
  // @ts-expect-error: the tuple has no field 'nope'
  tuple.get('nope');
  // @ts-expect-error: a string field is not a number
  const _wrong: number = tuple.get('word');
}

export function untypedTupleGet(tuple: Tuple): void {
  const _anything = tuple.get('anything');
  const _anythingIsUnknown: Expect<Equal<typeof _anything, unknown>> = true;
}

// --- Spout collector ----------------------------------------------------------------------------

export function typedSpoutEmit(c: SpoutOutputCollector<Words>): void {
  c.emit(['x']);
  c.emit(['x'], 'message-1');
  c.emit('default', ['x'], 7);
  c.emitDirect(3, ['x']);
  // @ts-expect-error: the default stream carries a string
  c.emit([1]);
  // @ts-expect-error: the default stream carries one value
  c.emit(['a', 'b']);
  // @ts-expect-error: the default stream carries one value
  c.emit([]);
  // @ts-expect-error: no stream 'other'
  c.emit('other', ['x']);
  // @ts-expect-error: emitDirect checks values too
  c.emitDirect(3, [1]);
}

export function namedStreamSpoutEmit(c: SpoutOutputCollector<Lines>): void {
  c.emit(['a line']);
  c.emit('errors', ['a line', 'too long']);
  c.emit('default', ['a line']);
  // @ts-expect-error: 'errors' carries two values
  c.emit('errors', ['a line']);
  // @ts-expect-error: the reason is a string
  c.emit('errors', ['a line', 42]);
  // @ts-expect-error: the default stream carries one value, not the errors stream's two
  c.emit(['a line', 'too long']);
  // @ts-expect-error: 'default' carries one value
  c.emit('default', ['a line', 'too long']);
}

// --- Bolt collectors ----------------------------------------------------------------------------

export function typedBoltEmit(c: OutputCollector<Lines>, input: Tuple<{ sentence: string }>): void {
  c.emit(['x']);
  c.emit(input, ['x']);
  c.emit([input, input], ['x']);
  c.emit('errors', input, ['x', 'why']);
  c.emitDirect(2, 'errors', input, ['x', 'why']);
  c.ack(input);
  // @ts-expect-error: anchored emit still checks the values
  c.emit(input, [1]);
  // @ts-expect-error: 'errors' carries two values
  c.emit('errors', input, ['x']);
  // @ts-expect-error: no stream 'nope'
  c.emit('nope', ['x']);
}

export function typedBasicEmit(c: BasicOutputCollector<Lines>): void {
  c.emit(['x']);
  c.emit('errors', ['x', 'why']);
  // @ts-expect-error: the default stream carries a string
  c.emit([true]);
  // @ts-expect-error: 'errors' carries two strings
  c.emit('errors', ['x', null]);
}

// --- Declaring outputs --------------------------------------------------------------------------

export function typedDeclare(d: OutputFieldsDeclarer<Words>, lines: OutputFieldsDeclarer<Lines>): void {
  d.declare(['word']);
  d.declare(['word'], { direct: true });
  // A Fields object is checked when the topology is created, not by the compiler.
  d.declare(new Fields(['word']));
  // @ts-expect-error: one value, so one field name
  d.declare(['a', 'b']);
  // @ts-expect-error: one value, so one field name
  d.declare([]);
  lines.declareStream('errors', ['line', 'reason']);
  // @ts-expect-error: 'errors' carries two values
  lines.declareStream('errors', ['line']);
  // @ts-expect-error: no stream 'nope'
  lines.declareStream('nope', ['x']);
}

// --- Typed components and the builder -----------------------------------------------------------

class SentenceSpout extends BaseSpout<{ default: [sentence: string] }> {
  nextTuple(): void {
    this.collector.emit(['the cow jumped over the moon']);
    // @ts-expect-error: a sentence is a string
    this.collector.emit([42]);
  }
  declareOutputFields(d: OutputFieldsDeclarer<{ default: [sentence: string] }>): void {
    d.declare(['sentence']);
  }
}

class SplitSentence extends BaseBasicBolt<{ sentence: string }, Words> {
  execute(tuple: Tuple<{ sentence: string }>, collector: BasicOutputCollector<Words>): void {
    const sentence = tuple.get('sentence');
    const _sentence: Expect<Equal<typeof sentence, string>> = true;
    for (const word of sentence.split(' ')) collector.emit([word]);
    // @ts-expect-error: a word is a string
    collector.emit([sentence.length]);
  }
  override declareOutputFields(d: OutputFieldsDeclarer<Words>): void {
    d.declare(['word']);
  }
}

class CountWords extends BaseBolt<{ word: string }, { default: [word: string, count: number] }> {
  readonly #counts = new Map<string, number>();
  execute(tuple: Tuple<{ word: string }>): void {
    const word = tuple.get('word');
    const count = (this.#counts.get(word) ?? 0) + 1;
    this.#counts.set(word, count);
    this.collector.emit(tuple, [word, count]);
    // @ts-expect-error: (word, count), not (count, word)
    this.collector.emit(tuple, [count, word]);
    this.collector.ack(tuple);
  }
  override declareOutputFields(d: OutputFieldsDeclarer<{ default: [word: string, count: number] }>): void {
    d.declare(['word', 'count']);
  }
}

export function typedComponentsInTheBuilder(): void {
  const builder = new TopologyBuilder();
  builder.setSpout('sentences', () => new SentenceSpout(), 2);
  builder.setBolt('split', () => new SplitSentence(), 2).shuffleGrouping('sentences');
  builder.setBolt('count', () => new CountWords(), 2).fieldsGrouping('split', ['word']);
  // @ts-expect-error: a spout is not a bolt
  builder.setBolt('oops', () => new SentenceSpout());
  // @ts-expect-error: a bolt is not a spout
  builder.setSpout('oops', () => new CountWords());
}

// --- Untyped components accept anything --------------------------------------------------------

export type DefaultStreamValues = [
  Expect<Equal<DefaultValues<AnyStreams>, readonly unknown[]>>,
  Expect<Equal<DefaultValues<Words>, [word: string]>>,
  // A described component without a default stream has nothing to emit there.
  Expect<Equal<DefaultValues<{ errors: [line: string] }>, never>>,
];

class UntypedSpout extends BaseSpout {
  nextTuple(): void {
    this.collector.emit('default', [1, 'two', { three: 3 }], 'message-id');
    this.collector.emit('any-stream', []);
    this.collector.emitDirect(4, 'direct-stream', [null]);
    // An untyped spout emits anything on the default stream
    this.collector.emit([1, 'two', { three: 3 }]);
  }
  declareOutputFields(d: OutputFieldsDeclarer): void {
    d.declareStream('default', ['a', 'b', 'c']);
    d.declareStream('any-stream', []);
    d.declare(new Fields(['a']));
    // An untyped component declares any field names
    d.declare(['a', 'b', 'c']);
  }
}

class UntypedBolt extends BaseBolt {
  execute(tuple: Tuple): void {
    const v = tuple.get('whatever');
    const _v: Expect<Equal<typeof v, unknown>> = true;
    this.collector.emit('default', tuple, [v, 1, 'x']);
    this.collector.emit('other', [v]);
    // An untyped bolt emits anything on the default stream
    this.collector.emit(tuple, [v, 1, 'x']);
    this.collector.ack(tuple);
  }
}

class UntypedBasicBolt extends BaseBasicBolt {
  execute(tuple: Tuple, collector: BasicOutputCollector): void {
    collector.emit('any', [tuple.get('x'), tuple.values.length]);
    // An untyped basic bolt emits anything on the default stream
    collector.emit([tuple.get('x')]);
  }
}

export function untypedComponentsInTheBuilder(): void {
  const builder = new TopologyBuilder();
  builder.setSpout('s', () => new UntypedSpout());
  builder.setBolt('b', () => new UntypedBolt()).shuffleGrouping('s');
  builder.setBolt('basic', () => new UntypedBasicBolt()).shuffleGrouping('b');
  // Typed and untyped components mix freely.
  builder.setBolt('split', () => new SplitSentence()).shuffleGrouping('s');
}
