/**
 * What the collectors promise: `lastEmitTaskIds` names the tasks an emit went to, `emitDirect`
 * reaches exactly the chosen task, each output stream reaches its own subscribers, basic bolts ack
 * on return, and a spout emit with a message id is acked after `nextTuple` returns (no acker yet).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder, type MessageId } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBasicBolt, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

/** Emits 0..n-1 once on `default` (field `n`). */
function numbers(n: number): () => FnSpout {
  return () => {
    let i = 0;
    return new FnSpout({
      outputs: { default: ['n'] },
      nextTuple(c) {
        if (i < n) c.emit('default', [i++]);
      },
    });
  };
}

/** Records (value, receiving task) pairs. */
function receiver(into: Map<number, number[]>): () => FnBolt {
  return () =>
    new FnBolt({
      execute(t, _c, ctx) {
        const v = Number(t.getValue(0));
        into.set(v, [...(into.get(v) ?? []), ctx.thisTaskId]);
      },
    });
}

describe('collectors - routing as promised', () => {
  it('collectors - lastEmitTaskIds returns the tasks of the last emit (all grouping: every task)', async () => {
    const N = 40;
    const reported = new Map<number, number[]>();
    let silent: number[] | null = null;
    const all = new Map<number, number[]>();
    const one = new Map<number, number[]>();
    const builder = new TopologyBuilder();
    builder.setSpout('src', numbers(N), 1);
    builder
      .setBolt(
        'relay',
        () =>
          new FnBolt({
            outputs: { default: ['n'], unused: ['n'] },
            execute(t, c) {
              const v = Number(t.getValue(0));
              c.emit('default', [v]);
              reported.set(v, c.lastEmitTaskIds());
              if (v === 0) {
                c.emit('unused', [v]);
                silent = c.lastEmitTaskIds();
              }
            },
          }),
        1,
      )
      .shuffleGrouping('src');
    builder.setBolt('everyone', receiver(all), 3).allGrouping('relay');
    builder.setBolt('one', receiver(one), 2).shuffleGrouping('relay');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('last', builder.createTopology());
    await waitFor(() => all.size === N && one.size === N && [...all.values()].every((t) => t.length === 3));
    await cluster.killTopology('last');

    const everyoneTasks = [...new Set([...all.values()].flat())].sort((a, b) => a - b);
    assert.equal(everyoneTasks.length, 3);
    for (let v = 0; v < N; v++) {
      const got = reported.get(v)!;
      const actual = [...all.get(v)!, ...one.get(v)!].sort((a, b) => a - b);
      assert.deepEqual(
        [...got].sort((a, b) => a - b),
        actual,
        `value ${v}: reported tasks are where it went`,
      );
      for (const t of everyoneTasks) assert.ok(got.includes(t), 'all grouping: every task is listed');
      assert.equal(one.get(v)!.length, 1);
    }
    assert.deepEqual(silent, [], 'an emit nobody consumes went nowhere');
  });

  it('collectors - emitDirect delivers to exactly the chosen task', async () => {
    const N = 60;
    const got = new Map<number, number[]>();
    const builder = new TopologyBuilder();
    builder.setSpout(
      'src',
      () => {
        let i = 0;
        let targets: readonly number[] = [];
        return new FnSpout({
          outputs: { chosen: { fields: ['n'], direct: true } },
          open: (ctx) => (targets = ctx.getComponentTasks('target')),
          nextTuple(c) {
            if (i >= N) return;
            const task = targets[i % targets.length]!;
            c.emitDirect(task, 'chosen', [i++]);
            assert.deepEqual(c.lastEmitTaskIds(), [task]);
          },
        });
      },
      1,
    );
    builder.setBolt('target', receiver(got), 2).setNumTasks(4).directGrouping('src', 'chosen');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('direct', builder.createTopology());
    await waitFor(() => got.size === N);
    const tasks = cluster
      .getTopology('direct')
      .tasks.filter((t) => t.component === 'target')
      .map((t) => t.taskId);
    for (let v = 0; v < N; v++) assert.deepEqual(got.get(v), [tasks[v % tasks.length]], `value ${v}`);
    assert.deepEqual(cluster.getErrors('direct'), []);
  });

  it('collectors - each output stream reaches only its own subscribers', async () => {
    const seen: { bolt: string; stream: string; n: number }[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout(
      'src',
      () => {
        let i = 0;
        return new FnSpout({
          outputs: { evens: ['n'], odds: ['n'] },
          nextTuple(c) {
            if (i >= 50) return;
            c.emit(i % 2 === 0 ? 'evens' : 'odds', [i]);
            i++;
          },
        });
      },
      1,
    );
    const rec = (bolt: string) => () =>
      new FnBolt({ execute: (t) => seen.push({ bolt, stream: t.sourceStream, n: Number(t.getValue(0)) }) });
    builder.setBolt('even', rec('even'), 2).shuffleGrouping('src', 'evens');
    builder.setBolt('odd', rec('odd'), 1).shuffleGrouping('src', 'odds');
    builder.setBolt('both', rec('both'), 1).shuffleGrouping('src', 'evens').shuffleGrouping('src', 'odds');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('streams', builder.createTopology());
    await waitFor(() => seen.length === 100);
    const of = (bolt: string) => seen.filter((s) => s.bolt === bolt);
    assert.equal(of('even').length, 25);
    assert.ok(of('even').every((s) => s.stream === 'evens' && s.n % 2 === 0));
    assert.equal(of('odd').length, 25);
    assert.ok(of('odd').every((s) => s.stream === 'odds' && s.n % 2 === 1));
    assert.deepEqual(
      of('both').map((s) => s.n),
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('collectors - a basic bolt acks each input on return and its emits flow on', async () => {
    const downstream: number[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('src', numbers(100), 1);
    builder
      .setBolt(
        'double',
        () =>
          new FnBasicBolt({
            outputs: { default: ['n'] },
            execute: (t, c) => c.emit('default', [Number(t.getValue(0)) * 2]),
          }),
        2,
      )
      .shuffleGrouping('src');
    builder
      .setBolt('sink', () => new FnBolt({ execute: (t) => downstream.push(Number(t.getValue(0))) }), 1)
      .shuffleGrouping('double');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('basic', builder.createTopology());
    await waitFor(() => downstream.length === 100);
    const s = cluster.getTopology('basic').components.find((c) => c.component === 'double')!;
    assert.deepEqual(
      { executed: s.executed, acked: s.acked, failed: s.failed, emitted: s.emitted },
      {
        executed: 100,
        acked: 100,
        failed: 0,
        emitted: 100,
      },
    );
    assert.deepEqual(
      downstream.sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i * 2),
    );
  });

  it('collectors - a spout emit with a message id is acked after nextTuple returns', async () => {
    const acked: MessageId[] = [];
    let inside = false;
    let reentered = false;
    const builder = new TopologyBuilder();
    builder.setSpout(
      'src',
      () => {
        let i = 0;
        return new FnSpout({
          nextTuple(c) {
            if (i >= 20) return;
            inside = true;
            // Two per call: ids for even numbers only.
            for (let k = 0; k < 2; k++, i++) {
              if (i % 2 === 0) c.emit('default', [i], `id-${i}`);
              else c.emit('default', [i]);
            }
            inside = false;
          },
          ack(id) {
            if (inside) reentered = true;
            acked.push(id);
          },
        });
      },
      1,
    );
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('src');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('acks', builder.createTopology());
    await waitFor(() => acked.length === 10);
    assert.equal(reentered, false, 'ack is never called from inside nextTuple');
    assert.deepEqual(
      acked,
      Array.from({ length: 10 }, (_, k) => `id-${k * 2}`),
    );
    const s = cluster.getTopology('acks').components.find((c) => c.component === 'src')!;
    assert.equal(s.acked, 10, 'only emits with a message id are acked');
    assert.equal(s.emitted, 20);
  });
});
