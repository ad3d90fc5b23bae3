import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Fields, TopologyBuilder, type MessageId } from '../../api/index.js';
import { FnBolt, FnSpout, idleSpout, type SpoutBehaviour } from '../../../test/helpers/fixtures.js';
import type { ErrorSink } from '../collector/error-sink.js';
import { Emitter } from '../collector/emitter.js';
import { SpoutOutputCollectorImpl } from '../collector/spout-output-collector-impl.js';
import { TaskPlan } from '../plan/task-plan.js';
import { ReceiveQueue } from '../queue/receive-queue.js';
import { TaskStats } from '../stats/task-stats.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { TopologyContextImpl } from '../worker/topology-context-impl.js';
import { SpoutExecutor } from './spout-executor.js';

const SPOUT_TASK = 2;
const BOLT_TASK = 1;

/** One spout task wired to one receive queue (task 1), stepped by hand. */
function harness(behaviour: SpoutBehaviour, opts: { capacity?: number; backoffMaxMs?: number } = {}) {
  const builder = new TopologyBuilder();
  builder.setSpout('s', idleSpout, 1);
  builder.setBolt('b', () => new FnBolt({ execute() {} }), 1).shuffleGrouping('s');
  const topology = builder.createTopology();
  const plan = new TaskPlan(topology);
  const queue = new ReceiveQueue<TupleImpl>(opts.capacity ?? 1000);
  const queues: ReceiveQueue<TupleImpl>[] = [];
  queues[BOLT_TASK] = queue;
  const stats = new TaskStats(SPOUT_TASK, 's');
  const route = {
    schema: new StreamSchema('s', 'default', new Fields(['value']), false),
    arity: 1,
    groupers: [{ choose: (_v: readonly unknown[], out: number[], at: number) => ((out[at] = BOLT_TASK), 1) }],
    directTasks: new Set<number>(),
    maxFanOut: 1,
    targets: ['b'],
    delivered: new Float64Array(1),
    directTarget: new Map<number, number>(),
  };
  const emitter = new Emitter(
    SPOUT_TASK,
    's',
    new Map([['default', route]]),
    queues,
    { parked: false, wake() {} },
    stats,
    null,
  );
  const reported: unknown[] = [];
  const errors: ErrorSink = {
    report: (_c, _t, err) => void reported.push(err),
    fatal: () => assert.fail('a spout error is never fatal'),
  };
  const collector = new SpoutOutputCollectorImpl(emitter, errors);
  const context = new TopologyContextImpl('t', SPOUT_TASK, 's', [1, 2], topology.config, plan);
  const spout = new FnSpout(behaviour);
  const executor = new SpoutExecutor(
    's',
    [{ taskId: SPOUT_TASK, spout, collector, context, stats, queue: null }],
    errors,
    opts.backoffMaxMs ?? 16,
  );
  executor.start();
  return { executor, queue, stats, reported };
}

describe('SpoutExecutor', () => {
  it('SpoutExecutor - is not polled before activation or after deactivation', () => {
    let calls = 0;
    const events: string[] = [];
    const { executor } = harness({
      nextTuple: () => void calls++,
      activate: () => events.push('activate'),
      deactivate: () => events.push('deactivate'),
    });
    assert.equal(executor.runOnce(10, 0), false);
    assert.equal(calls, 0);
    assert.equal(executor.wakeAt(), Infinity, 'an inactive spout asks for no wake-up');
    executor.activate();
    executor.runOnce(10, 0);
    assert.equal(calls, 1);
    executor.deactivate();
    executor.deactivate();
    executor.runOnce(10, 100);
    assert.equal(calls, 1);
    assert.deepEqual(events, ['activate', 'deactivate']);
  });

  it('SpoutExecutor - an idle spout is retried three times, then after pauses of 1, 2, 4 ... ms up to the cap', () => {
    let calls = 0;
    const { executor } = harness({ nextTuple: () => void calls++ }, { backoffMaxMs: 16 });
    executor.activate();
    let now = 0;
    const pauses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = calls;
      assert.equal(executor.runOnce(10, now), false);
      assert.equal(calls, before + 1, 'one call per step when nothing is emitted');
      const wake = executor.wakeAt();
      pauses.push(wake > now ? wake - now : 0);
      if (wake > now) {
        // Not polled before its wake-up time.
        assert.equal(executor.runOnce(10, wake - 0.5), false);
        assert.equal(calls, before + 1);
        now = wake;
      }
    }
    assert.deepEqual(pauses, [0, 0, 0, 1, 2, 4, 8, 16, 16, 16]);
  });

  it('SpoutExecutor - emitting resets the backoff; each step polls up to the budget', () => {
    let ready = 0;
    let calls = 0;
    const { executor, queue } = harness({
      nextTuple(c) {
        calls++;
        if (ready > 0) {
          ready--;
          c.emit('default', [ready]);
        }
      },
    });
    executor.activate();
    for (let i = 0; i < 6; i++) executor.runOnce(10, 0);
    assert.ok(executor.wakeAt() > 0, 'backing off');
    ready = 25;
    calls = 0;
    assert.equal(executor.runOnce(10, 1000), true);
    assert.equal(queue.size, 10, 'the budget bounds one step');
    assert.equal(calls, 10);
    assert.equal(executor.runOnce(10, 1000), true);
    ready = 0;
    calls = 0;
    // Back to the immediate retries: the next three idle steps ask for no pause.
    for (let i = 0; i < 3; i++) executor.runOnce(10, 1000);
    assert.equal(calls, 3);
    assert.ok(executor.wakeAt() <= 1000, 'emitting cleared the backoff');
  });

  it('SpoutExecutor - a throwing nextTuple is reported and treated as idle', () => {
    const boom = new Error('boom');
    const { executor, reported, queue } = harness({
      nextTuple() {
        throw boom;
      },
    });
    executor.activate();
    for (let i = 0; i < 5; i++) assert.equal(executor.runOnce(10, 0), false);
    assert.deepEqual(reported, [boom, boom, boom, boom]);
    assert.ok(executor.wakeAt() > 0, 'backed off');
    assert.equal(queue.size, 0);
  });

  it('SpoutExecutor - stops polling while the queue it filled is over capacity, resumes at half', () => {
    let calls = 0;
    const { executor, queue } = harness(
      {
        nextTuple(c) {
          calls++;
          c.emit('default', [calls]);
          c.emit('default', [calls]);
        },
      },
      { capacity: 8 },
    );
    executor.activate();
    executor.runOnce(100, 0);
    assert.equal(queue.size, 8, 'blocked once the queue reached capacity');
    assert.equal(calls, 4);
    executor.runOnce(100, 0);
    assert.equal(calls, 4, 'not polled while blocked');
    while (queue.size > 5) queue.shift();
    executor.runOnce(100, 0);
    assert.equal(calls, 4, 'still above resumeAt (4)');
    queue.shift();
    executor.runOnce(100, 0);
    assert.equal(calls, 6, 'resumed, until full again');
    assert.equal(queue.size, 8);
  });

  it('SpoutExecutor - message ids are acked after nextTuple returns, in emit order', () => {
    const acked: MessageId[] = [];
    let inside = false;
    let n = 0;
    const { executor, stats } = harness({
      nextTuple(c) {
        if (n >= 3) return;
        inside = true;
        c.emit('default', [n], `m${n}`);
        c.emit('default', [n]);
        n++;
        inside = false;
      },
      ack(id) {
        assert.equal(inside, false, 'never acked from inside nextTuple');
        acked.push(id);
      },
    });
    executor.activate();
    executor.runOnce(100, 0);
    assert.deepEqual(acked, ['m0', 'm1', 'm2']);
    assert.equal(stats.acked, 3);
    assert.equal(stats.emitted, 6);
  });

  it('SpoutExecutor - close closes each opened task once', () => {
    let closes = 0;
    const { executor } = harness({ nextTuple() {}, close: () => void closes++ });
    executor.close();
    executor.close();
    assert.equal(closes, 1);
  });
});
