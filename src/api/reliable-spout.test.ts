import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SpoutOutputCollector } from './output-collector.js';
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import { ReliableSpout, type ReliableMessage } from './reliable-spout.js';
import type { MessageId } from './streams.js';
import type { TopologyContext } from './topology-context.js';

type Out = { default: [n: number] };

class Numbers extends ReliableSpout<Out> {
  readonly dead: [MessageId, number][] = [];
  readonly acked: MessageId[] = [];
  #next = 0;

  constructor(
    private readonly count: number,
    maxRetries?: number,
  ) {
    super(maxRetries === undefined ? {} : { maxRetries });
  }

  protected nextMessage(): ReliableMessage<Out> | undefined {
    if (this.#next >= this.count) return undefined;
    const n = this.#next++;
    return { id: `m${n}`, values: [n] };
  }

  protected override onDeadLetter(message: ReliableMessage<Out>, attempts: number): void {
    this.dead.push([message.id, attempts]);
  }

  protected override onAcked(message: ReliableMessage<Out>): void {
    this.acked.push(message.id);
  }

  declareOutputFields(d: OutputFieldsDeclarer<Out>): void {
    d.declare(['n']);
  }
}

function open(spout: Numbers): [values: unknown, id: unknown][] {
  const emitted: [unknown, unknown][] = [];
  const collector = {
    emit: (values: unknown, id: unknown) => void emitted.push([values, id]),
  } as unknown as SpoutOutputCollector<Out>;
  spout.open({} as TopologyContext, collector);
  return emitted;
}

describe('reliable spout', () => {
  it('reliable spout - keeps messages until acked; a failed one is emitted again before new ones', () => {
    const s = new Numbers(3);
    const emitted = open(s);
    s.nextTuple();
    s.nextTuple();
    assert.equal(s.inFlight, 2);
    s.fail('m0');
    s.nextTuple(); // the replay comes first
    s.nextTuple();
    assert.deepEqual(emitted, [
      [[0], 'm0'],
      [[1], 'm1'],
      [[0], 'm0'],
      [[2], 'm2'],
    ]);
    for (const id of ['m0', 'm1', 'm2']) s.ack(id);
    assert.deepEqual(s.acked, ['m0', 'm1', 'm2']);
    assert.equal(s.inFlight, 0);
    s.nextTuple(); // source exhausted, nothing to replay
    assert.equal(emitted.length, 4);
  });

  it('reliable spout - after maxRetries failed replays the message goes to the dead letter hook', () => {
    const s = new Numbers(1, 2);
    const emitted = open(s);
    s.nextTuple();
    for (let i = 0; i < 3; i++) {
      s.fail('m0');
      s.nextTuple();
    }
    // 1 emit + 2 replays; the third failure is final.
    assert.equal(emitted.length, 3);
    assert.deepEqual(s.dead, [['m0', 3]]);
    assert.equal(s.inFlight, 0);
    s.ack('m0'); // late: ignored
    assert.deepEqual(s.acked, []);
  });

  it('reliable spout - unknown ids in ack/fail are ignored; a duplicate id from the source is an error', () => {
    const s = new Numbers(1);
    open(s);
    s.ack('nope');
    s.fail('nope');
    class Dup extends Numbers {
      protected override nextMessage(): ReliableMessage<Out> {
        return { id: 'same', values: [1] };
      }
    }
    const d = new Dup(5);
    open(d);
    d.nextTuple();
    assert.throws(() => d.nextTuple(), /already in flight/);
    assert.throws(() => new Numbers(1, -1), RangeError);
  });
});
