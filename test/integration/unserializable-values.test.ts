/**
 * A value that cannot be serialized is an error at emit time when its tuple goes to another
 * worker, naming the component, stream and field; the input is failed (so its spout tuple is
 * replayed) and the topology goes on. Registered classes and plain data pass.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerTupleType, TopologyBuilder, type MessageId } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBasicBolt, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}
registerTupleType({
  type: Point,
  id: 7,
  encode: (p) => [p.x, p.y],
  decode: (d) => new Point(...(d as [number, number])),
});

describe('unserializable values', () => {
  it('unserializable values - a function bound for another worker fails the emit with the field named', async () => {
    const failed: MessageId[] = [];
    const acked: MessageId[] = [];
    const received: unknown[] = [];
    const b = new TopologyBuilder();
    b.setSpout('spout', () => {
      let i = 0;
      return new FnSpout({
        outputs: { default: ['n'] },
        nextTuple: (c) => void (i < 3 && c.emit('default', [i], i++)),
        ack: (id) => void acked.push(id),
        fail: (id) => void failed.push(id),
      });
    });
    b.setBolt(
      'shape',
      () =>
        new FnBasicBolt({
          outputs: { default: ['n', 'payload'] },
          execute(t, c) {
            const n = t.getValue(0) as number;
            c.emit([n, n === 1 ? { onClick: () => n } : new Point(n, n)]);
          },
        }),
    ).shuffleGrouping('spout');
    b.setBolt(
      'sink',
      () => new FnBolt({ execute: (t) => void received.push(t.getValue(1)) }),
    ).shuffleGrouping('shape');
    // Three executors on three workers: every emit of 'shape' crosses to the sink's worker.
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('ser', b.createTopology({ workers: 3 }));
    await waitFor(() => acked.length + failed.length === 3);
    assert.deepEqual(failed, [1]);
    assert.deepEqual(acked.sort(), [0, 2]);
    assert.equal(received.length, 2);
    assert.ok(
      received.every((p) => p instanceof Point),
      'registered class instances pass',
    );
    const errors = cluster.getErrors('ser', 'shape');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.code, 'UNSERIALIZABLE_VALUE');
    assert.match(errors[0].message, /'shape\.default' field 'payload' holds a function at \.onClick/);
  });
});
