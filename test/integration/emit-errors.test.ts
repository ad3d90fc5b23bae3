/**
 * Misused emits are user errors raised inside `execute` / `nextTuple`: each is a `GaleError` with
 * a stable code, recorded in the error log under the emitting component, and the topology goes on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster, type ErrorRecord } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const MODES = [
  'unknown-stream',
  'arity',
  'emit-on-direct',
  'direct-on-plain',
  'direct-bad-task',
  'ok',
] as const;
type Mode = (typeof MODES)[number];

describe('emit errors - reported with their code', () => {
  it('emit errors - each misuse inside execute is a GaleError in the error log naming component and stream', async () => {
    const delivered: string[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout(
      'modes',
      () => {
        let i = 0;
        return new FnSpout({
          outputs: { default: ['mode'] },
          nextTuple(c) {
            if (i < MODES.length) c.emit('default', [MODES[i++]]);
          },
        });
      },
      1,
    );
    builder
      .setBolt(
        'emitter',
        () =>
          new FnBolt({
            outputs: { default: ['v'], directed: { fields: ['v'], direct: true } },
            execute(t, c, ctx) {
              const mode = t.getValue(0) as Mode;
              const directTask = ctx.getComponentTasks('dsink')[0]!;
              switch (mode) {
                case 'unknown-stream':
                  return c.emit('nope', [1]);
                case 'arity':
                  return c.emit('default', [1, 2]);
                case 'emit-on-direct':
                  return c.emit('directed', [1]);
                case 'direct-on-plain':
                  return c.emitDirect(ctx.getComponentTasks('sink')[0]!, 'default', [1]);
                case 'direct-bad-task':
                  // A task of a component that does not subscribe to 'directed'.
                  return c.emitDirect(ctx.getComponentTasks('sink')[0]!, 'directed', [1]);
                case 'ok':
                  c.emit('default', ['fine']);
                  return c.emitDirect(directTask, 'directed', ['direct fine']);
              }
            },
          }),
        1,
      )
      .shuffleGrouping('modes');
    builder
      .setBolt('sink', () => new FnBolt({ execute: (t) => delivered.push(String(t.getValue(0))) }), 1)
      .shuffleGrouping('emitter');
    builder
      .setBolt('dsink', () => new FnBolt({ execute: (t) => delivered.push(String(t.getValue(0))) }), 1)
      .directGrouping('emitter', 'directed');

    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('emits', builder.createTopology());
    await waitFor(() => delivered.length === 2, { message: "the 'ok' tuple's two emits arrived" });
    const records = cluster.getErrors('emits', 'emitter');
    assert.equal(records.length, 5, records.map((r) => r.message).join('\n'));
    const byMode = new Map<string, ErrorRecord>();
    for (const r of records) byMode.set(/"([a-z-]+)"/.exec(r.tuple ?? '')![1]!, r);
    const expect: [Mode, string, RegExp][] = [
      [
        'unknown-stream',
        'UNKNOWN_STREAM',
        /'emitter' emitted on undeclared stream 'nope'.*'default', 'directed'/,
      ],
      ['arity', 'VALUES_ARITY', /'emitter\.default' has 1 field .*but emit got 2 values/],
      ['emit-on-direct', 'STREAM_KIND_MISMATCH', /'emitter\.directed' is a direct stream/],
      ['direct-on-plain', 'STREAM_KIND_MISMATCH', /'emitter\.default' is not a direct stream/],
      ['direct-bad-task', 'INVALID_DIRECT_TASK', /emitDirect from 'emitter\.directed' to task \d+/],
    ];
    const emitterTask = cluster.getTopology('emits').tasks.find((t) => t.component === 'emitter')!.taskId;
    for (const [mode, code, message] of expect) {
      const r = byMode.get(mode);
      assert.ok(r, `an error was recorded for ${mode}`);
      assert.equal(r.code, code, mode);
      assert.match(r.message, message, mode);
      assert.equal(r.component, 'emitter');
      assert.equal(r.taskId, emitterTask);
    }
    assert.deepEqual(delivered.sort(), ['direct fine', 'fine']);
    const emitter = cluster.getTopology('emits').components.find((c) => c.component === 'emitter')!;
    assert.deepEqual({ failed: emitter.failed, acked: emitter.acked }, { failed: 5, acked: 1 });
    assert.equal(emitter.emitted, 2, 'rejected emits are not counted as emitted');
    assert.equal(cluster.getTopology('emits').state, 'active');
  });

  it('emit errors - a bad emit inside nextTuple is recorded for the spout, which keeps being polled', async () => {
    let calls = 0;
    const builder = new TopologyBuilder();
    builder.setSpout(
      'sloppy',
      () =>
        new FnSpout({
          nextTuple(c) {
            calls++;
            c.emit('default', ['too', 'many']);
          },
        }),
      1,
    );
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('sloppy');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('sloppy', builder.createTopology());
    await waitFor(() => calls >= 5);
    const [first] = cluster.getErrors('sloppy', 'sloppy');
    assert.equal(first?.code, 'VALUES_ARITY');
    assert.match(first.message, /'sloppy\.default' has 1 field/);
    assert.equal(first.tuple, undefined, 'no input tuple in a spout');
  });
});
