import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BaseBasicBolt, BaseBolt } from './bolt.js';
import { TOPOLOGY_CONFIG_KEYS, type TopologyConfigInput } from './config.js';
import { TopologyValidationError } from './errors.js';
import { Fields } from './fields.js';
import type { CustomStreamGrouping } from './grouping.js';
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import { BaseSpout } from './spout.js';
import { isTopology, type BoltDefinition, type ComponentDefinition, type Topology } from './topology.js';
import { TopologyBuilder } from './topology-builder.js';

class Sentences extends BaseSpout {
  nextTuple(): void {}
  declareOutputFields(d: OutputFieldsDeclarer): void {
    d.declare(['sentence']);
    d.declareStream('control', ['command', 'arg']);
    d.declareStream('jobs', new Fields(['job']), { direct: true });
  }
}

class Split extends BaseBasicBolt {
  execute(): void {}
  override declareOutputFields(d: OutputFieldsDeclarer): void {
    d.declare(['word', 'n']);
  }
}

class Sink extends BaseBolt {
  execute(): void {}
}

class Counter extends BaseBolt {
  execute(): void {}
  override declareOutputFields(d: OutputFieldsDeclarer): void {
    d.declareStream('default', ['word', 'count']);
  }
}

const firstTask: () => CustomStreamGrouping = () => ({
  prepare: () => {},
  chooseTasks: () => [0],
});

let made = 0;

/**
 * Spout `sentences` (2) feeds `split` (3 executors, 6 tasks), which feeds `count` (4), `pk` (2) and
 * `sink` (1); every kind of grouping is used once.
 */
function build(config?: TopologyConfigInput): Topology {
  made = 0;
  const b = new TopologyBuilder();
  b.setSpout(
    'sentences',
    () => {
      made++;
      return new Sentences();
    },
    2,
  );
  b.setBolt('split', () => new Split(), 3)
    .setNumTasks(6)
    .shuffleGrouping('sentences');
  b.setBolt('count', () => new Counter(), 4)
    .fieldsGrouping('split', ['word'])
    .allGrouping('sentences', 'control')
    .directGrouping('sentences', 'jobs')
    .setTickFrequency(2)
    .addConfiguration({ user: { table: 'words' } });
  b.setBolt('pk', () => new Counter(), 2)
    .partialKeyGrouping('split', 'default', new Fields(['n', 'word']))
    .rangeGrouping('sentences', 'control', 'arg', ['m']);
  b.setBolt('sink', () => new Sink())
    .globalGrouping('count')
    .noneGrouping('split')
    .localOrShuffleGrouping('sentences')
    .customGrouping('pk', firstTask);
  return b.createTopology(config);
}

function component(t: Topology, id: string): ComponentDefinition {
  const c = t.components.get(id);
  assert.ok(c !== undefined, `no component '${id}'`);
  return c;
}

function bolt(t: Topology, id: string): BoltDefinition {
  const c = component(t, id);
  assert.equal(c.kind, 'bolt');
  return c;
}

describe('topology builder', () => {
  it('builder - the topology has the declared components in order, with kind, parallelism and tasks', () => {
    const t = build();
    assert.ok(isTopology(t));
    assert.ok(!isTopology({ components: t.components, config: t.config }));
    const summary = [...t.components.values()].map((c) => [c.id, c.kind, c.parallelism, c.numTasks]);
    assert.deepEqual(summary, [
      ['sentences', 'spout', 2, 2],
      ['split', 'bolt', 3, 6],
      ['count', 'bolt', 4, 4],
      ['pk', 'bolt', 2, 2],
      ['sink', 'bolt', 1, 1],
    ]);
    // Factories are kept, and each was called once during validation.
    assert.equal(made, 1);
    assert.ok(component(t, 'sentences').factory() instanceof Sentences);
    assert.ok(component(t, 'split').factory() instanceof Split);
  });

  it('builder - outputs hold every declared stream with its fields and direct flag', () => {
    const t = build();
    const outputs = [...component(t, 'sentences').outputs.values()].map((s) => [
      s.id,
      s.fields.names,
      s.direct,
    ]);
    assert.deepEqual(outputs, [
      ['default', ['sentence'], false],
      ['control', ['command', 'arg'], false],
      ['jobs', ['job'], true],
    ]);
    assert.deepEqual(component(t, 'split').outputs.get('default')?.fields.names, ['word', 'n']);
    assert.deepEqual([...component(t, 'sink').outputs.keys()], []);
  });

  it('builder - inputs hold every subscription with its stream and checked grouping', () => {
    const t = build();
    assert.equal(component(t, 'sentences').kind, 'spout');
    assert.deepEqual(
      bolt(t, 'split').inputs.map((i) => [i.component, i.stream, i.grouping.kind]),
      [['sentences', 'default', 'shuffle']],
    );
    assert.deepEqual(
      bolt(t, 'count').inputs.map((i) => [i.component, i.stream, i.grouping.kind]),
      [
        ['split', 'default', 'fields'],
        ['sentences', 'control', 'all'],
        ['sentences', 'jobs', 'direct'],
      ],
    );
    assert.deepEqual(
      bolt(t, 'sink').inputs.map((i) => [i.component, i.stream, i.grouping.kind]),
      [
        ['count', 'default', 'global'],
        ['split', 'default', 'none'],
        ['sentences', 'default', 'localOrShuffle'],
        ['pk', 'default', 'custom'],
      ],
    );
    const [fields] = bolt(t, 'count').inputs;
    assert.ok(fields?.grouping.kind === 'fields');
    assert.ok(fields.grouping.fields instanceof Fields);
    assert.deepEqual(fields.grouping.fields.names, ['word']);
    const [pk, range] = bolt(t, 'pk').inputs;
    assert.ok(pk?.grouping.kind === 'partialKey');
    assert.deepEqual(pk.grouping.fields.names, ['n', 'word']);
    assert.ok(range?.grouping.kind === 'range');
    assert.equal(range.stream, 'control');
    assert.equal(range.grouping.field, 'arg');
    assert.deepEqual(range.grouping.boundaries, ['m']);
    const custom = bolt(t, 'sink').inputs[3];
    assert.ok(custom?.grouping.kind === 'custom');
    assert.equal(custom.grouping.factory, firstTask);
  });

  it('builder - config defaults are filled in, given values and component settings kept', () => {
    const t = build({ receiveQueueCapacity: 64, user: { region: 'eu' } });
    for (const key of TOPOLOGY_CONFIG_KEYS) assert.ok(key in t.config, `config has no '${key}'`);
    const { debug, workers, tickTupleFreqSecs, maxTaskParallelism, receiveQueueCapacity, stepBudget, user } =
      t.config;
    assert.deepEqual(
      { debug, workers, tickTupleFreqSecs, maxTaskParallelism, receiveQueueCapacity, stepBudget, user },
      {
        debug: false,
        workers: 1,
        tickTupleFreqSecs: null,
        maxTaskParallelism: null,
        receiveQueueCapacity: 64,
        stepBudget: 256,
        user: { region: 'eu' },
      },
    );
    assert.deepEqual(component(t, 'count').config, { tickTupleFreqSecs: 2, user: { table: 'words' } });
    assert.deepEqual(component(t, 'split').config, {});
    assert.equal(build().config.receiveQueueCapacity, 1024);
  });

  it('builder - the topology, its components and the config are frozen', () => {
    const t = build({ debug: true, user: { nested: { a: 1 } } });
    assert.ok(Object.isFrozen(t));
    assert.ok(Object.isFrozen(t.config));
    assert.ok(Object.isFrozen(t.config.user));
    for (const c of t.components.values()) {
      assert.ok(Object.isFrozen(c), c.id);
      assert.ok(Object.isFrozen(c.config), `${c.id} config`);
      for (const s of c.outputs.values()) assert.ok(Object.isFrozen(s), `${c.id}.${s.id}`);
      if (c.kind === 'bolt') {
        assert.ok(Object.isFrozen(c.inputs), `${c.id} inputs`);
        for (const i of c.inputs) assert.ok(Object.isFrozen(i), `${c.id} <- ${i.component}.${i.stream}`);
      }
    }
    assert.throws(() => {
      (t.config as { debug: boolean }).debug = false;
    }, TypeError);
  });

  it("builder - the caller's config object is neither frozen nor aliased", () => {
    const input = { debug: true, user: { nested: { a: 1 } } };
    const t = build(input);
    assert.ok(!Object.isFrozen(input) && !Object.isFrozen(input.user) && !Object.isFrozen(input.user.nested));
    input.user.nested.a = 2;
    assert.deepEqual(t.config.user, { nested: { a: 1 } });
    assert.deepEqual(Object.keys(input), ['debug', 'user']);
  });

  it('builder - user settings must be plain data; a function is a problem naming its key', () => {
    assert.throws(
      () => build({ user: { ok: { a: [1, 2] }, handler: () => 1 } }),
      (err: unknown) =>
        err instanceof TopologyValidationError &&
        err.problems.length === 1 &&
        err.problems[0]?.path === 'topology.user.handler',
    );
  });

  it('builder - maxTaskParallelism caps parallelism and tasks; a component setting overrides it', () => {
    const b = new TopologyBuilder();
    b.setSpout('s', () => new Sentences(), 8);
    b.setBolt('a', () => new Sink(), 2)
      .setNumTasks(10)
      .shuffleGrouping('s');
    b.setBolt('b', () => new Sink(), 6)
      .addConfiguration({ maxTaskParallelism: 5 })
      .shuffleGrouping('s');
    b.setBolt('c', () => new Sink(), 6)
      .addConfiguration({ maxTaskParallelism: null })
      .shuffleGrouping('s');
    const t = b.createTopology({ maxTaskParallelism: 3 });
    const summary = [...t.components.values()].map((c) => [c.id, c.parallelism, c.numTasks]);
    assert.deepEqual(summary, [
      ['s', 3, 3],
      ['a', 2, 3],
      ['b', 5, 5],
      ['c', 6, 6],
    ]);
  });

  it('builder - range boundaries are checked against the capped task count', () => {
    const b = new TopologyBuilder();
    b.setSpout('s', () => new Sentences());
    b.setBolt('r', () => new Sink(), 5).rangeGrouping('s', 'control', 'arg', ['h', 'p']);
    const t = b.createTopology({ maxTaskParallelism: 3 });
    assert.equal(component(t, 'r').numTasks, 3);
  });
});
