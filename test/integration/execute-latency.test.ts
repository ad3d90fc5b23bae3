/**
 * Execute latency is recorded per task, timed per scheduling step (each step's tuples at the
 * step's mean): every executed tuple is counted and the mean reflects the work.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { busyWait, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

describe('execute latency', () => {
  it('execute latency - every executed tuple counts; mean and p50 reflect a 2 ms execute', async () => {
    const N = 60;
    let i = 0;
    const b = new TopologyBuilder();
    b.setSpout(
      's',
      () =>
        new FnSpout({
          outputs: { default: ['n'] },
          nextTuple(c) {
            if (i < N) c.emit('default', [i++]);
          },
        }),
    );
    b.setBolt('slow', () => new FnBolt({ execute: () => busyWait(2) })).shuffleGrouping('s');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('lat', b.createTopology());
    const slow = () => cluster.getTopology('lat').tasks.find((t) => t.component === 'slow');
    await waitFor(() => slow()?.executed === N, { timeoutMs: 10_000 });
    const lat = slow()?.executeLatency;
    assert.ok(lat != null, 'no execute latency recorded');
    assert.equal(lat.count, N);
    assert.ok(lat.meanMs >= 1.9 && lat.meanMs < 50, `mean ${lat.meanMs} ms for a 2 ms execute`);
    assert.ok(lat.p50Ms >= 1.9 && lat.p50Ms < 50, `p50 ${lat.p50Ms} ms for a 2 ms execute`);
    const spout = cluster.getTopology('lat').tasks.find((t) => t.component === 's');
    assert.equal(spout?.executeLatency, null, 'spouts execute nothing');
  });
});
