/**
 * Topology lifecycle through LocalCluster: deactivate / activate, the errors of submit and kill
 * (names, duplicates, config overrides), and components that fail to start.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigValidationError, GaleError, TopologyBuilder, type Topology } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout, idleSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

function isGale(code: string, check: (err: GaleError) => void = () => {}): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof GaleError, `expected a GaleError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    check(err);
    return true;
  };
}

function simpleTopology(): Topology {
  const builder = new TopologyBuilder();
  builder.setSpout('s', idleSpout, 1);
  builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('s');
  return builder.createTopology();
}

describe('lifecycle - deactivate and activate', () => {
  it('lifecycle - a deactivated spout is told so and not polled; activate resumes it', async () => {
    const counts = { activate: 0, deactivate: 0, nextTuple: 0, ticks: 0, data: 0 };
    const builder = new TopologyBuilder();
    builder.setSpout(
      's',
      () =>
        new FnSpout({
          activate: () => counts.activate++,
          deactivate: () => counts.deactivate++,
          nextTuple(c) {
            counts.nextTuple++;
            c.emit('default', [counts.nextTuple]);
          },
        }),
      1,
    );
    builder
      .setBolt(
        'b',
        () =>
          new FnBolt({
            execute(t) {
              if (t.isTick()) counts.ticks++;
              else counts.data++;
            },
          }),
        1,
      )
      .setTickFrequency(0.005)
      .shuffleGrouping('s');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('toggle', builder.createTopology());
    assert.equal(counts.activate, 1, 'a submitted topology starts active');
    assert.equal(cluster.getTopology('toggle').state, 'active');
    await waitFor(() => counts.nextTuple > 10);

    cluster.deactivate('toggle');
    assert.equal(counts.deactivate, 1);
    assert.equal(cluster.getTopology('toggle').state, 'inactive');
    const polled = counts.nextTuple;
    const ticks = counts.ticks;
    // The scheduler keeps running (ticks are executed) while the spout stays untouched.
    await waitFor(() => counts.ticks >= ticks + 5, { message: 'five ticks while inactive' });
    assert.equal(counts.nextTuple, polled, 'nextTuple is not called while inactive');
    assert.equal(counts.data, polled, 'bolts drain what the spout emitted while it is inactive');
    cluster.deactivate('toggle');
    assert.equal(counts.deactivate, 1, 'deactivating twice calls deactivate once');

    cluster.activate('toggle');
    assert.equal(counts.activate, 2);
    assert.equal(cluster.getTopology('toggle').state, 'active');
    await waitFor(() => counts.nextTuple > polled + 10, { message: 'polling resumed' });
    cluster.activate('toggle');
    assert.equal(counts.activate, 2, 'activating an active topology does nothing');
  });
});

describe('lifecycle - submit and kill errors', () => {
  it('lifecycle - unknown names give TOPOLOGY_NOT_FOUND everywhere', async () => {
    await using cluster = new LocalCluster({ logger: silentLogger });
    await assert.rejects(
      cluster.killTopology('ghost'),
      isGale('TOPOLOGY_NOT_FOUND', (e) => assert.match(e.message, /ghost/)),
    );
    assert.throws(() => cluster.deactivate('ghost'), isGale('TOPOLOGY_NOT_FOUND'));
    assert.throws(() => cluster.activate('ghost'), isGale('TOPOLOGY_NOT_FOUND'));
    assert.throws(() => cluster.getTopology('ghost'), isGale('TOPOLOGY_NOT_FOUND'));
    assert.throws(() => cluster.getErrors('ghost'), isGale('TOPOLOGY_NOT_FOUND'));
  });

  it('lifecycle - a duplicate name gives TOPOLOGY_EXISTS and leaves the running one alone', async () => {
    let opens = 0;
    const builder = new TopologyBuilder();
    builder.setSpout('s', () => new FnSpout({ open: () => opens++, nextTuple() {} }), 1);
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('s');
    const topology = builder.createTopology();
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('dup', topology);
    await assert.rejects(
      cluster.submitTopology('dup', topology),
      isGale('TOPOLOGY_EXISTS', (e) => assert.equal(e.details.topology, 'dup')),
    );
    assert.equal(opens, 1, 'the rejected submit opened nothing');
    assert.deepEqual(cluster.topologyNames(), ['dup']);
    assert.equal(cluster.getTopology('dup').state, 'active');
  });

  it('lifecycle - invalid names and non-topologies give TOPOLOGY_INVALID', async () => {
    await using cluster = new LocalCluster({ logger: silentLogger });
    for (const bad of ['', ' x', 'a b', '-x', '.x', 'x/y', 'é', 'x'.repeat(129)]) {
      await assert.rejects(cluster.submitTopology(bad, simpleTopology()), isGale('TOPOLOGY_INVALID'), bad);
    }
    for (const good of ['a', 'A.b_c-1', '9lives', 'x'.repeat(128)]) {
      await cluster.submitTopology(good, simpleTopology());
    }
    assert.equal(cluster.topologyNames().length, 4);
    const fake = { components: new Map(), config: {} } as unknown as Topology;
    await assert.rejects(cluster.submitTopology('fake', fake), isGale('TOPOLOGY_INVALID'));
  });

  it('lifecycle - a bad config override gives CONFIG_INVALID naming every key path; nothing starts', async () => {
    let opens = 0;
    const builder = new TopologyBuilder();
    builder.setSpout('s', () => new FnSpout({ open: () => opens++, nextTuple() {} }), 1);
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('s');
    const topology = builder.createTopology();
    await using cluster = new LocalCluster({ logger: silentLogger });
    const bad = { bogusKey: 1, receiveQueueCapacity: 0 } as unknown as Parameters<
      LocalCluster['submitTopology']
    >[2];
    await assert.rejects(cluster.submitTopology('cfg', topology, bad), (err: unknown) => {
      assert.ok(err instanceof ConfigValidationError);
      assert.equal(err.code, 'CONFIG_INVALID');
      const paths = err.problems.map((p) => p.path).sort();
      assert.deepEqual(paths, ['topology.bogusKey', 'topology.receiveQueueCapacity']);
      assert.match(err.message, /topology\.receiveQueueCapacity: .*got 0/);
      return true;
    });
    assert.equal(opens, 0);
    assert.deepEqual(cluster.topologyNames(), []);
  });

  it('lifecycle - a valid config override reaches the components', async () => {
    const seen: number[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('s', idleSpout, 1);
    builder
      .setBolt(
        'b',
        () => new FnBolt({ prepare: (ctx) => seen.push(ctx.config.receiveQueueCapacity), execute() {} }),
        2,
      )
      .shuffleGrouping('s');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('override', builder.createTopology({ receiveQueueCapacity: 64 }), {
      receiveQueueCapacity: 32,
    });
    assert.deepEqual(seen, [32, 32]);
  });

  it('lifecycle - a closed cluster refuses new topologies with CLUSTER_CLOSED', async () => {
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.close();
    await assert.rejects(cluster.submitTopology('late', simpleTopology()), isGale('CLUSTER_CLOSED'));
  });
});

interface Calls {
  readonly log: string[];
}

/** Spouts 'alpha' (3 tasks) and 'omega' (1), bolts 'first' (2 tasks) and 'last' (3 tasks, 1 executor). */
function failingTopology(calls: Calls, failAt: string): Topology {
  const spout = (id: string) => () =>
    new FnSpout({
      open(ctx) {
        if (`${id}#${ctx.thisTaskIndex}` === failAt) throw new Error(`${id} cannot open`);
        calls.log.push(`open ${id}:${ctx.thisTaskId}`);
      },
      close: () => calls.log.push(`close ${id}`),
      nextTuple: () => calls.log.push(`nextTuple ${id}`),
    });
  const bolt = (id: string) => () => {
    let task = 0;
    return new FnBolt({
      prepare(ctx) {
        task = ctx.thisTaskId;
        if (`${id}#${ctx.thisTaskIndex}` === failAt) throw new Error(`${id} cannot prepare`);
        calls.log.push(`prepare ${id}:${task}`);
      },
      execute() {},
      cleanup: () => calls.log.push(`cleanup ${id}:${task}`),
    });
  };
  const builder = new TopologyBuilder();
  builder.setSpout('alpha', spout('alpha'), 1).setNumTasks(3);
  builder.setSpout('omega', spout('omega'), 1);
  builder.setBolt('first', bolt('first'), 2).shuffleGrouping('alpha');
  builder.setBolt('last', bolt('last'), 1).setNumTasks(3).shuffleGrouping('omega');
  return builder.createTopology();
}

/** Every `open x:t` has a `close x`, every `prepare x:t` a `cleanup x:t`. */
function assertAllReleased(log: readonly string[]): void {
  const opened = log.filter((l) => l.startsWith('open ')).map((l) => l.slice(5).split(':')[0]);
  const closed = log.filter((l) => l.startsWith('close ')).map((l) => l.slice(6));
  assert.deepEqual(closed.sort(), opened.sort(), `every opened spout task is closed: ${log.join(', ')}`);
  const prepared = log.filter((l) => l.startsWith('prepare ')).map((l) => l.slice(8));
  const cleaned = log.filter((l) => l.startsWith('cleanup ')).map((l) => l.slice(8));
  assert.deepEqual(
    cleaned.sort(),
    prepared.sort(),
    `every prepared bolt task is cleaned up: ${log.join(', ')}`,
  );
  assert.equal(log.filter((l) => l.startsWith('nextTuple')).length, 0, 'no spout was polled');
}

describe('lifecycle - components that fail to start', () => {
  it('lifecycle - a spout whose open throws gives COMPONENT_FAILED naming it and its task; the rest is closed', async () => {
    const calls: Calls = { log: [] };
    const topology = failingTopology(calls, 'alpha#1');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await assert.rejects(
      cluster.submitTopology('badspout', topology),
      isGale('COMPONENT_FAILED', (e) => {
        assert.equal(e.details.component, 'alpha');
        assert.equal(
          e.details.taskId,
          2,
          'the second task of alpha (task ids: alpha 1-3, first 4-5, last 6-8, omega 9)',
        );
        assert.match(e.message, /'alpha' \(task 2\)/);
        assert.match(e.message, /alpha cannot open/);
        assert.ok(e.cause instanceof Error && e.cause.message === 'alpha cannot open');
      }),
    );
    assert.ok(calls.log.includes('prepare first:4'), 'bolts were prepared before spouts opened');
    assert.ok(calls.log.includes('open alpha:1'));
    assertAllReleased(calls.log);
    assert.deepEqual(cluster.topologyNames(), []);
    // The name is free again.
    await cluster.submitTopology('badspout', simpleTopology());
  });

  it('lifecycle - a bolt whose prepare throws gives COMPONENT_FAILED naming it and its task; the rest is cleaned up', async () => {
    const calls: Calls = { log: [] };
    const topology = failingTopology(calls, 'last#2');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await assert.rejects(
      cluster.submitTopology('badbolt', topology),
      isGale('COMPONENT_FAILED', (e) => {
        assert.equal(e.details.component, 'last');
        assert.equal(e.details.taskId, 8);
        assert.match(e.message, /'last' \(task 8\).*last cannot prepare/);
      }),
    );
    assert.ok(calls.log.includes('prepare last:7'), 'the tasks before the failing one were prepared');
    assert.equal(calls.log.filter((l) => l.startsWith('open')).length, 0, 'no spout opened');
    assertAllReleased(calls.log);
    assert.deepEqual(cluster.topologyNames(), []);
  });
});
