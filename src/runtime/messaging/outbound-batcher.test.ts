import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Fields } from '../../api/fields.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import type { DataBatch, TransportMessage } from './messages.js';
import { OutboundBatcher } from './outbound-batcher.js';
import type { WorkerLink } from './transport.js';

/** A link that records what it is given. */
class RecordingLink implements WorkerLink {
  readonly peer = 'w2';
  readonly sent: TransportMessage[] = [];
  writable = true;

  send(message: TransportMessage): void {
    this.sent.push(message);
  }

  batches(): DataBatch[] {
    return this.sent.map((m) => {
      if (m.kind !== 'data') throw new Error(`expected a data batch, got '${m.kind}'`);
      return m;
    });
  }
}

const WORDS = new StreamSchema('split', 'default', new Fields(['word']), false);
const OTHER = new StreamSchema('split', 'other', new Fields(['word']), false);

function tuple(value: string, sourceTask = 1, schema = WORDS, track: number[] | null = null): TupleImpl {
  const t = new TupleImpl([value], schema, sourceTask);
  if (track !== null) t.setTrack(track);
  return t;
}

describe('OutboundBatcher - batching', () => {
  it('OutboundBatcher - consecutive tuples of one source task and stream go out as one batch on flush', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 10);
    b.add(7, tuple('a'));
    b.add(8, tuple('b'));
    b.add(7, tuple('c'));
    assert.equal(link.sent.length, 0, 'nothing is sent before a flush or a full batch');
    assert.equal(b.pending, 3);
    b.flush();
    assert.deepEqual(link.batches(), [
      { kind: 'data', sourceTask: 1, stream: 'default', destTasks: [7, 8, 7], values: [['a'], ['b'], ['c']] },
    ]);
    assert.equal(b.pending, 0);
  });

  it('OutboundBatcher - tracked tuples carry their tracks; untracked ones before them get null', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 10);
    b.add(7, tuple('a'));
    b.add(7, tuple('b', 1, WORDS, [5, 1, 2]));
    b.add(8, tuple('c'));
    b.flush();
    b.add(7, tuple('d'));
    b.flush();
    assert.deepEqual(link.batches(), [
      {
        kind: 'data',
        sourceTask: 1,
        stream: 'default',
        destTasks: [7, 7, 8],
        values: [['a'], ['b'], ['c']],
        tracks: [null, [5, 1, 2], null],
      },
      { kind: 'data', sourceTask: 1, stream: 'default', destTasks: [7], values: [['d']] },
    ]);
  });

  it('OutboundBatcher - a change of source task starts a new batch', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 10);
    b.add(7, tuple('a', 1));
    b.add(7, tuple('b', 1));
    b.add(7, tuple('c', 2));
    assert.equal(link.sent.length, 1, 'the first batch went out when the source task changed');
    b.add(8, tuple('d', 1));
    b.flush();
    assert.deepEqual(
      link.batches().map((x) => [x.sourceTask, x.destTasks, x.values]),
      [
        [1, [7, 7], [['a'], ['b']]],
        [2, [7], [['c']]],
        [1, [8], [['d']]],
      ],
    );
  });

  it('OutboundBatcher - a change of stream starts a new batch', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 10);
    b.add(7, tuple('a', 1, WORDS));
    b.add(7, tuple('b', 1, OTHER));
    b.add(7, tuple('c', 1, OTHER));
    b.flush();
    assert.deepEqual(
      link.batches().map((x) => [x.stream, x.values]),
      [
        ['default', [['a']]],
        ['other', [['b'], ['c']]],
      ],
    );
  });

  it('OutboundBatcher - a batch holds at most maxBatch tuples, in emit order', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 4);
    for (let i = 0; i < 10; i++) b.add(100 + i, tuple(`v${i}`));
    assert.deepEqual(
      link.batches().map((x) => x.destTasks.length),
      [4, 4],
      'full batches go out as soon as the next tuple arrives',
    );
    assert.equal(b.pending, 2);
    b.flush();
    const all = link.batches();
    assert.ok(all.every((x) => x.destTasks.length <= 4));
    assert.deepEqual(
      all.flatMap((x) => x.destTasks),
      Array.from({ length: 10 }, (_, i) => 100 + i),
    );
    assert.deepEqual(
      all.flatMap((x) => x.values.map((v) => v[0])),
      Array.from({ length: 10 }, (_, i) => `v${i}`),
    );
  });

  it('OutboundBatcher - flush sends nothing when nothing is pending', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 4);
    b.flush();
    assert.equal(link.sent.length, 0);
    b.add(7, tuple('a'));
    b.flush();
    b.flush();
    assert.equal(link.sent.length, 1, 'a second flush after the first sends nothing');
  });

  it('OutboundBatcher - a sent batch is not changed by later adds', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 4);
    b.add(7, tuple('a'));
    b.flush();
    b.add(8, tuple('b'));
    b.add(9, tuple('c'));
    b.flush();
    assert.deepEqual(
      link.batches().map((x) => [x.destTasks, x.values]),
      [
        [[7], [['a']]],
        [
          [8, 9],
          [['b'], ['c']],
        ],
      ],
    );
  });

  it('OutboundBatcher - writable mirrors the link', () => {
    const link = new RecordingLink();
    const b = new OutboundBatcher(link, 4);
    assert.equal(b.writable, true);
    link.writable = false;
    assert.equal(b.writable, false);
  });
});
