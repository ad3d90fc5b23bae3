/**
 * Errors in a multi-worker topology: getErrors (and the kill report) merge the errors every worker
 * recorded, within the per-component limit, and a component failing to start in one worker fails
 * the submit with COMPONENT_FAILED and leaves nothing running in the others.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GaleError, TopologyBuilder, type Topology } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * `a-src` emits 0 … n-1 into `b-bad` (2 executors), which throws on every tuple. Executors a, b1,
 * b2 over 2 workers: worker 1 runs a-src (task 1) and b-bad task 3, worker 2 runs b-bad task 2.
 */
function failing(n: number, maxErrorsPerComponent: number): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout(
    'a-src',
    () => {
      let i = 0;
      return new FnSpout({
        nextTuple(c) {
          if (i < n) c.emit('default', [i++]);
        },
      });
    },
    1,
  );
  builder
    .setBolt(
      'b-bad',
      () =>
        new FnBolt({
          execute(t, _c, ctx) {
            throw new Error(`bad ${String(t.getValue(0))} in task ${ctx.thisTaskId}`);
          },
        }),
      2,
    )
    .shuffleGrouping('a-src');
  return builder.createTopology({ workers: 2, maxErrorsPerComponent });
}

function errorCount(cluster: LocalCluster, name: string): number {
  return cluster.getTopology(name).components.find((c) => c.component === 'b-bad')?.errors ?? 0;
}

describe('multi-worker - errors', () => {
  it('multi-worker - getErrors merges the errors of every worker, oldest first', async () => {
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('e', failing(6, 10));
    await waitFor(() => errorCount(cluster, 'e') === 6, { message: 'six errors recorded' });

    const errors = cluster.getErrors('e');
    assert.equal(errors.length, 6);
    assert.deepEqual(new Set(errors.map((e) => e.taskId)), new Set([2, 3]), 'errors of both workers');
    assert.deepEqual(
      errors.map((e) => Number(/bad (\d+)/.exec(e.message)?.[1])).sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5],
    );
    for (const e of errors) {
      assert.equal(e.component, 'b-bad');
      assert.ok(e.message.endsWith(`in task ${e.taskId}`), e.message);
    }
    for (let i = 1; i < errors.length; i++) assert.ok(errors[i - 1]!.time <= errors[i]!.time, 'oldest first');
    assert.equal(cluster.getErrors('e', 'b-bad').length, 6);
    assert.deepEqual(cluster.getErrors('e', 'a-src'), []);

    const report = await cluster.killTopology('e');
    assert.equal(report.errors.length, 6);
    assert.deepEqual(new Set(report.errors.map((e) => e.taskId)), new Set([2, 3]));
  });

  it('multi-worker - merged errors keep maxErrorsPerComponent per component, not that many per worker', async () => {
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('e', failing(40, 4));
    await waitFor(() => errorCount(cluster, 'e') === 40, { message: 'forty errors counted' });

    assert.equal(cluster.getErrors('e').length, 4);
    assert.equal(cluster.getErrors('e', 'b-bad').length, 4);
    const report = await cluster.killTopology('e');
    assert.equal(report.errors.length, 4);
    assert.equal(
      report.components.find((c) => c.component === 'b-bad')?.errors,
      40,
      'every error is counted',
    );
  });

  it('multi-worker - a component failing to start in worker 2 fails the submit and leaves nothing running', async () => {
    const events: string[] = [];
    let polls = 0;
    const builder = new TopologyBuilder();
    // Executors a-src, b-fail, c-ok over 2 workers: worker 1 runs a-src and c-ok, worker 2 b-fail.
    builder.setSpout(
      'a-src',
      () =>
        new FnSpout({
          open: () => events.push('a open'),
          deactivate: () => events.push('a deactivate'),
          close: () => events.push('a close'),
          nextTuple(c) {
            polls++;
            c.emit('default', [polls]);
          },
        }),
      1,
    );
    builder
      .setBolt(
        'b-fail',
        () =>
          new FnBolt({
            prepare() {
              throw new Error('cannot connect');
            },
            execute() {},
          }),
        1,
      )
      .shuffleGrouping('a-src');
    builder
      .setBolt(
        'c-ok',
        () =>
          new FnBolt({
            prepare: () => events.push('c prepare'),
            execute() {},
            cleanup: () => events.push('c cleanup'),
          }),
        1,
      )
      .shuffleGrouping('a-src');

    await using cluster = new LocalCluster({ logger: silentLogger });
    await assert.rejects(
      cluster.submitTopology('boom', builder.createTopology({ workers: 2 })),
      (err: unknown) => {
        assert.ok(err instanceof GaleError);
        assert.equal(err.code, 'COMPONENT_FAILED');
        assert.equal(err.details.component, 'b-fail');
        assert.equal(err.details.taskId, 2);
        assert.match(err.message, /cannot connect/);
        return true;
      },
    );
    assert.deepEqual(cluster.topologyNames(), []);
    await waitFor(() => events.includes('a close') && events.includes('c cleanup'), {
      message: `worker 1 closed its components (events: ${events.join(', ')})`,
    });
    assert.deepEqual(events.slice(0, 2), ['c prepare', 'a open'], 'worker 1 had started');
    assert.ok(events.indexOf('a deactivate') < events.indexOf('a close'));
    // Observed for a few event-loop turns: nothing polls the spout any more.
    const after = polls;
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 2));
    assert.equal(polls, after);
    assert.equal(events.filter((e) => e === 'a close').length, 1);
    assert.equal(events.filter((e) => e === 'c cleanup').length, 1);
    // The name is free again.
    await cluster.submitTopology('boom', failing(1, 10));
    await cluster.killTopology('boom');
  });
});
