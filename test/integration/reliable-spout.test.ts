/**
 * A ReliableSpout in a running topology: every message it emits is eventually acked (today the
 * ack follows `nextTuple` at once; with the acker, when the tree completes) and forgotten.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReliableSpout,
  TopologyBuilder,
  type OutputFieldsDeclarer,
  type ReliableMessage,
} from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

type Out = { default: [n: number] };

describe('reliable spout in a topology', () => {
  it('reliable spout - every message is acked once and nothing stays in flight', async () => {
    const acked: unknown[] = [];
    let spout: Lines | undefined;
    class Lines extends ReliableSpout<Out> {
      #next = 0;
      protected nextMessage(): ReliableMessage<Out> | undefined {
        return this.#next < 200 ? { id: this.#next, values: [this.#next++] } : undefined;
      }
      protected override onAcked(m: ReliableMessage<Out>): void {
        acked.push(m.id);
      }
      declareOutputFields(d: OutputFieldsDeclarer<Out>): void {
        d.declare(['n']);
      }
    }
    const seen: number[] = [];
    const b = new TopologyBuilder();
    b.setSpout('lines', () => (spout = new Lines()));
    b.setBolt(
      'sink',
      () => new FnBolt({ execute: (t, c) => (seen.push(Number(t.getValue(0))), c.ack(t)) }),
    ).shuffleGrouping('lines');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('reliable', b.createTopology());
    await waitFor(() => acked.length === 200 && seen.length === 200, { timeoutMs: 10_000 });
    await cluster.killTopology('reliable');
    assert.deepEqual(
      acked,
      Array.from({ length: 200 }, (_, i) => i),
    );
    assert.equal(spout?.inFlight, 0);
  });
});
