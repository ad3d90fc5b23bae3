// The README's short tour, kept compiling: test/docs/readme.test.ts checks that the README shows
// exactly this file.
import {
  BaseBasicBolt,
  BaseSpout,
  TopologyBuilder,
  type BasicOutputCollector,
  type OutputFieldsDeclarer,
  type Tuple,
} from 'gale';

type Words = { default: [word: string] };

class WordSpout extends BaseSpout<Words> {
  nextTuple(): void {
    this.collector.emit(['hello']); // typed: exactly one string
  }
  declareOutputFields(d: OutputFieldsDeclarer<Words>): void {
    d.declare(['word']);
  }
}

class Exclaim extends BaseBasicBolt<{ word: string }, Words> {
  execute(t: Tuple<{ word: string }>, c: BasicOutputCollector<Words>): void {
    c.emit([t.get('word') + '!']); // the emit is anchored to t, and t is acked on return
  }
  override declareOutputFields(d: OutputFieldsDeclarer<Words>): void {
    d.declare(['word']);
  }
}

const builder = new TopologyBuilder();
builder.setSpout('words', () => new WordSpout(), 2); // 2 executors
builder
  .setBolt('exclaim', () => new Exclaim(), 4) // 4 executors...
  .setNumTasks(8) // ...running 8 tasks
  .fieldsGrouping('words', ['word']); // same word, same task
export default builder.createTopology({ tickTupleFreqSecs: 5 }); // validated here
