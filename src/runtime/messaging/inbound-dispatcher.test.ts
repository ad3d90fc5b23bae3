import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Fields } from '../../api/fields.js';
import { CapturingLogger } from '../../../test/helpers/capturing-logger.js';
import { ReceiveQueue } from '../queue/receive-queue.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { InboundDispatcher } from './inbound-dispatcher.js';
import type { DataBatch, TransportMessage } from './messages.js';
import { RemotePressure } from './remote-pressure.js';
import type { MessageHandler, Transport, WorkerLink } from './transport.js';

/** A transport endpoint that records what its links send, per peer. */
class RecordingTransport implements Transport {
  readonly workerId = 'w1';
  readonly sent = new Map<string, TransportMessage[]>();
  readonly #links = new Map<string, WorkerLink>();

  onMessage(_handler: MessageHandler): void {}
  pauseInbound(): void {}
  resumeInbound(): void {}
  onWritable(_handler: () => void): void {}
  inFlight(): number {
    return 0;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  link(peer: string): WorkerLink {
    let l = this.#links.get(peer);
    if (l === undefined) {
      const sent: TransportMessage[] = [];
      this.sent.set(peer, sent);
      l = { peer, writable: true, send: (m) => sent.push(m) };
      this.#links.set(peer, l);
    }
    return l;
  }

  /** Overloaded-task lists sent to `peer`, in order. */
  statusesTo(peer: string): number[][] {
    return (this.sent.get(peer) ?? []).map((m) => {
      assert.equal(m.kind, 'backpressure');
      return m.kind === 'backpressure' ? [...m.overloadedTasks].sort((a, b) => a - b) : [];
    });
  }
}

// Task 1 (spout 'src', stream 'default' and 'side') sends to bolt tasks 4 and 5 of this worker.
const SRC_DEFAULT = new StreamSchema('src', 'default', new Fields(['n', 'word']), false);
const SRC_SIDE = new StreamSchema('src', 'side', new Fields(['x']), false);
const SCHEMAS = new Map([
  ['src/default', SRC_DEFAULT],
  ['src/side', SRC_SIDE],
]);
const COMPONENT_OF = new Map([
  [1, 'src'],
  [2, 'src'],
]);

interface Setup {
  readonly dispatcher: InboundDispatcher;
  readonly queues: (ReceiveQueue<TupleImpl> | undefined)[];
  readonly transport: RecordingTransport;
  readonly pressure: RemotePressure;
  readonly logger: CapturingLogger;
  readonly wakes: { n: number };
}

function setup(capacity = 8, peers: readonly string[] = ['w2', 'w3']): Setup {
  const queues: (ReceiveQueue<TupleImpl> | undefined)[] = [];
  queues[4] = new ReceiveQueue<TupleImpl>(capacity);
  queues[5] = new ReceiveQueue<TupleImpl>(capacity);
  const transport = new RecordingTransport();
  const pressure = new RemotePressure();
  const logger = new CapturingLogger();
  const wakes = { n: 0 };
  const dispatcher = new InboundDispatcher({
    queues,
    transport,
    peers,
    pressure,
    logger,
    wake: () => wakes.n++,
    schemaOf: (sourceTask, stream) => {
      const c = COMPONENT_OF.get(sourceTask);
      return c === undefined ? undefined : SCHEMAS.get(`${c}/${stream}`);
    },
  });
  return { dispatcher, queues, transport, pressure, logger, wakes };
}

function drain(q: ReceiveQueue<TupleImpl> | undefined): TupleImpl[] {
  const out: TupleImpl[] = [];
  for (let t = q?.shift(); t !== undefined; t = q?.shift()) out.push(t);
  return out;
}

function fill(q: ReceiveQueue<TupleImpl>, n: number, s: Setup): void {
  s.dispatcher.handle('w2', {
    kind: 'data',
    sourceTask: 1,
    stream: 'default',
    destTasks: Array.from({ length: n }, () => (q === s.queues[4] ? 4 : 5)),
    values: Array.from({ length: n }, (_, i) => [i, 'w']),
  });
}

describe('InboundDispatcher - data', () => {
  it("InboundDispatcher - a batch's tuples reach their tasks' queues in order, with schema and source task", () => {
    const s = setup(100);
    const batch: DataBatch = {
      kind: 'data',
      sourceTask: 2,
      stream: 'default',
      destTasks: [4, 5, 4, 4],
      values: [
        [0, 'a'],
        [1, 'b'],
        [2, 'c'],
        [3, 'd'],
      ],
    };
    s.dispatcher.handle('w2', batch);
    const at4 = drain(s.queues[4]);
    const at5 = drain(s.queues[5]);
    assert.deepEqual(
      at4.map((t) => t.values),
      [
        [0, 'a'],
        [2, 'c'],
        [3, 'd'],
      ],
    );
    assert.deepEqual(
      at5.map((t) => t.values),
      [[1, 'b']],
    );
    for (const t of [...at4, ...at5]) {
      assert.equal(t.schema, SRC_DEFAULT);
      assert.equal(t.sourceTask, 2);
      assert.equal(t.sourceComponent, 'src');
    }
    assert.equal(at4[1]!.get('word'), 'c', 'fields resolve through the schema');
    assert.equal(s.dispatcher.dropped, 0);
    assert.ok(s.wakes.n >= 1, 'the scheduler is woken for new input');
  });

  it('InboundDispatcher - the stream of a batch picks the schema', () => {
    const s = setup(100);
    s.dispatcher.handle('w2', {
      kind: 'data',
      sourceTask: 1,
      stream: 'side',
      destTasks: [5],
      values: [[42]],
    });
    const [t] = drain(s.queues[5]);
    assert.equal(t?.schema, SRC_SIDE);
    assert.equal(t?.get('x'), 42);
  });

  it('InboundDispatcher - a batch on an unknown stream is dropped, counted and logged, without throwing', () => {
    const s = setup(100);
    s.dispatcher.handle('w3', {
      kind: 'data',
      sourceTask: 1,
      stream: 'nope',
      destTasks: [4, 5, 4],
      values: [[1], [2], [3]],
    });
    s.dispatcher.handle('w3', {
      kind: 'data',
      sourceTask: 99,
      stream: 'default',
      destTasks: [4],
      values: [[1, 'a']],
    });
    assert.equal(s.dispatcher.dropped, 4);
    assert.equal(s.queues[4]!.size + s.queues[5]!.size, 0);
    const warns = s.logger.entries.filter((e) => e.level === 'warn');
    assert.equal(warns.length, 2);
    assert.equal(warns[0]!.fields['stream'], 'nope');
    assert.equal(warns[0]!.fields['from'], 'w3');
    assert.equal(warns[1]!.fields['sourceTask'], 99);
  });

  it('InboundDispatcher - tuples for tasks not in this worker are dropped, counted and logged; the rest arrive', () => {
    const s = setup(100);
    s.dispatcher.handle('w2', {
      kind: 'data',
      sourceTask: 1,
      stream: 'default',
      // 3 is another component's task, 9 no task at all: neither has a queue here.
      destTasks: [4, 3, 5, 9],
      values: [
        [0, 'a'],
        [1, 'b'],
        [2, 'c'],
        [3, 'd'],
      ],
    });
    assert.equal(s.dispatcher.dropped, 2);
    assert.deepEqual(
      drain(s.queues[4]).map((t) => t.values[0]),
      [0],
    );
    assert.deepEqual(
      drain(s.queues[5]).map((t) => t.values[0]),
      [2],
    );
    const warns = s.logger.entries.filter((e) => e.level === 'warn');
    assert.deepEqual(
      warns.map((w) => w.fields['task']),
      [3, 9],
    );
  });
});

describe('InboundDispatcher - backpressure', () => {
  it("InboundDispatcher - a peer's status updates remote pressure for that peer and wakes the worker", () => {
    const s = setup();
    s.dispatcher.handle('w2', { kind: 'backpressure', overloadedTasks: [7, 8] });
    assert.equal(s.pressure.isOverloaded(7), true);
    assert.equal(s.pressure.isOverloaded(8), true);
    assert.ok(s.wakes.n >= 1);
    s.dispatcher.handle('w3', { kind: 'backpressure', overloadedTasks: [] });
    assert.equal(s.pressure.isOverloaded(7), true, "w3's status does not release w2's tasks");
    s.dispatcher.handle('w2', { kind: 'backpressure', overloadedTasks: [8] });
    assert.equal(s.pressure.isOverloaded(7), false);
    assert.equal(s.pressure.isOverloaded(8), true);
  });

  it('InboundDispatcher - updateStatus sends nothing while no queue is full', () => {
    const s = setup(8);
    s.dispatcher.updateStatus();
    fill(s.queues[4]!, 7, s);
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), []);
    assert.deepEqual(s.transport.statusesTo('w3'), []);
  });

  it('InboundDispatcher - a status goes to every peer when a queue fills and again when it drains to resumeAt', () => {
    const s = setup(8);
    const q4 = s.queues[4]!;
    fill(q4, 8, s); // at capacity
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4]]);
    assert.deepEqual(s.transport.statusesTo('w3'), [[4]]);

    fill(q4, 3, s); // still full: no change, no message
    s.dispatcher.updateStatus();
    while (q4.size > q4.resumeAt + 1) q4.shift();
    s.dispatcher.updateStatus(); // below capacity but above resumeAt: still overloaded
    assert.deepEqual(s.transport.statusesTo('w2'), [[4]]);

    q4.shift(); // at resumeAt
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4], []]);
    assert.deepEqual(s.transport.statusesTo('w3'), [[4], []]);
    s.dispatcher.updateStatus();
    assert.equal(s.transport.sent.get('w2')!.length, 2, 'no repeat without a change');
  });

  it('InboundDispatcher - a status lists every overloaded task, sent once per change', () => {
    const s = setup(4, ['w2']);
    const q4 = s.queues[4]!;
    const q5 = s.queues[5]!;
    fill(q4, 4, s);
    s.dispatcher.updateStatus();
    fill(q5, 5, s);
    s.dispatcher.updateStatus();
    drain(q4);
    s.dispatcher.updateStatus();
    drain(q5);
    s.dispatcher.updateStatus();
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4], [4, 5], [5], []]);
  });

  it('InboundDispatcher - a queue that fills and drains between two updates sends nothing', () => {
    const s = setup(4, ['w2']);
    fill(s.queues[4]!, 4, s);
    drain(s.queues[4]);
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), []);
  });

  it('InboundDispatcher - an overloaded queue drained to resumeAt and refilled by local producers since is released too', () => {
    const s = setup(8, ['w2']);
    const q4 = s.queues[4]!;
    fill(q4, 8, s);
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4]]);
    // The consumer's step drained it to the resume mark (and said so); local producers refilled it.
    while (q4.size > q4.resumeAt) q4.shift();
    q4.lowSeen = true;
    fill(q4, 3, s); // 7 of 8: above resumeAt, below capacity
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4], []], 'remote producers get their turn');
    s.dispatcher.updateStatus();
    assert.deepEqual(s.transport.statusesTo('w2'), [[4], []], 'the flag is used once');
  });
});
