/**
 * `onBoltError`: `failTuple` (default) fails the input and goes on; `stopWorker` records the error
 * and stops the topology's worker, as an uncaught error stops a Storm worker.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailedTupleError, TopologyBuilder, type TopologyConfigInput } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

function topology(
  throwOn: (n: number) => Error | null,
  component: TopologyConfigInput['onBoltError'] | null,
) {
  let i = 0;
  const executed: number[] = [];
  const b = new TopologyBuilder();
  b.setSpout(
    's',
    () =>
      new FnSpout({
        outputs: { default: ['n'] },
        nextTuple(c) {
          if (i < 1000) c.emit('default', [i++]);
        },
      }),
  );
  const bolt = b
    .setBolt(
      'b',
      () =>
        new FnBolt({
          execute(t, c) {
            const n = Number(t.getValue(0));
            const err = throwOn(n);
            if (err !== null) throw err;
            executed.push(n);
            c.ack(t);
          },
        }),
    )
    .globalGrouping('s');
  if (component !== null) bolt.addConfiguration({ onBoltError: component });
  return { build: (cfg: TopologyConfigInput) => b.createTopology(cfg), executed };
}

describe('bolt error policy', () => {
  it("bolt error policy - 'stopWorker' stops the topology at the first error and records it", async () => {
    const t = topology((n) => (n === 10 ? new Error('boom at 10') : null), null);
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology(
      'stop',
      t.build({ onBoltError: 'stopWorker', receiveQueueCapacity: 16, stepBudget: 4 }),
    );
    await waitFor(() => !cluster.topologyNames().includes('stop'), {
      timeoutMs: 5000,
      message: 'the topology kept running',
    });
    assert.ok(!t.executed.includes(10));
    assert.ok(t.executed.length < 1000, `executed ${t.executed.length}: the worker did not stop`);
    // It stopped soon after the error: at most the rest of one step ran.
    assert.ok(t.executed.length <= 10 + 4, `executed ${t.executed.length}`);
  });

  it("bolt error policy - a component's own setting wins; FailedTupleError never stops", async () => {
    const t = topology((n) => (n % 100 === 0 ? new FailedTupleError('deliberate') : null), 'stopWorker');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('keep', t.build({ onBoltError: 'failTuple' }));
    await waitFor(() => t.executed.length === 990, { timeoutMs: 5000 });
    assert.deepEqual(cluster.topologyNames(), ['keep']);
    assert.deepEqual(cluster.getErrors('keep'), []);
    const fails = topology((n) => (n === 5 ? new Error('x') : null), 'failTuple');
    await cluster.submitTopology('continue', fails.build({ onBoltError: 'stopWorker' }));
    await waitFor(() => fails.executed.length === 999, { timeoutMs: 5000 });
    assert.equal(cluster.getErrors('continue').length, 1);
  });

  it('bolt error policy - an unknown policy is a config error naming the key', () => {
    const t = topology(() => null, null);
    assert.throws(
      () => t.build({ onBoltError: 'explode' as 'failTuple' }),
      (err: unknown) => err instanceof Error && /topology\.onBoltError/.test(err.message),
    );
  });
});
