/**
 * A spout that throws from `nextTuple` is reported and backed off like an idle spout; it is polled
 * again and the topology keeps running.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

describe('spout errors - nextTuple throws', () => {
  it('spout errors - each throw is recorded, polling backs off, and the spout recovers', async () => {
    let calls = 0;
    let healed = false;
    let sent = 0;
    const received: number[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout(
      'flaky',
      () =>
        new FnSpout({
          nextTuple(c) {
            calls++;
            if (!healed) throw new Error(`not ready (call ${calls})`);
            if (sent < 5) c.emit('default', [sent++]);
          },
        }),
      1,
    );
    builder
      .setBolt('b', () => new FnBolt({ execute: (t) => received.push(Number(t.getValue(0))) }), 1)
      .shuffleGrouping('flaky');
    await using cluster = new LocalCluster({ logger: silentLogger });
    const start = performance.now();
    await cluster.submitTopology('flaky', builder.createTopology({ spoutIdleBackoffMaxMs: 20 }));
    await waitFor(() => calls >= 12, { message: 'twelve polls' });
    const elapsed = performance.now() - start;
    // Backed off: pauses of 1, 2, 4, 8, 16, 20, 20, 20 ms after the first retries (~90 ms in all);
    // an un-throttled spout makes twelve calls in well under a millisecond.
    assert.ok(elapsed >= 50, `twelve throwing polls took ${elapsed.toFixed(1)} ms`);

    const info = cluster.getTopology('flaky');
    assert.equal(info.state, 'active', 'the topology keeps running');
    const spout = info.components.find((c) => c.component === 'flaky')!;
    assert.equal(spout.errors, calls, 'every throw is counted');
    const records = cluster.getErrors('flaky', 'flaky');
    assert.ok(records.length > 0);
    const last = records.at(-1)!;
    assert.equal(last.component, 'flaky');
    assert.equal(last.taskId, info.tasks.find((t) => t.component === 'flaky')!.taskId);
    assert.match(last.message, /^not ready \(call \d+\)$/);
    assert.equal(last.tuple, undefined);

    healed = true;
    await waitFor(() => received.length === 5, { message: 'the healed spout emits again' });
    assert.deepEqual(received, [0, 1, 2, 3, 4]);
  });
});
