import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GaleError, TopologyBuilder } from '../api/index.js';
import { runtimeTopology, silentLogger, TaskPlan, type Logger } from '../runtime/index.js';
import { FnBolt, FnSpout, idleSpout, wideTopology } from '../../test/helpers/fixtures.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { assignRoundRobin, LocalTopology } from './local-topology.js';

describe('assignRoundRobin', () => {
  it('assignRoundRobin - executor i goes to worker i mod n, each worker listing its tasks ascending', () => {
    // Executors in plan order: alpha [1] [2], beta [3,4,5] [6,7] [8,9],
    // gamma [10,11,12] [13,14,15] [16,17] [18,19], zeta [20] [21].
    assert.deepEqual(assignRoundRobin(new TaskPlan(wideTopology()), 3), [
      [1, 6, 7, 13, 14, 15, 20],
      [2, 8, 9, 16, 17, 21],
      [3, 4, 5, 10, 11, 12, 18, 19],
    ]);
    assert.deepEqual(assignRoundRobin(new TaskPlan(wideTopology()), 2), [
      [1, 3, 4, 5, 8, 9, 13, 14, 15, 18, 19, 21],
      [2, 6, 7, 10, 11, 12, 16, 17, 20],
    ]);
  });

  it('assignRoundRobin - every task is assigned exactly once, executors stay whole, counts differ by at most one', () => {
    const plan = new TaskPlan(wideTopology());
    const all = [...plan.taskComponent.keys()].sort((a, b) => a - b);
    for (let n = 1; n <= 12; n++) {
      const workers = assignRoundRobin(plan, n);
      assert.equal(workers.length, n);
      const flat = workers.flat().sort((a, b) => a - b);
      assert.deepEqual(flat, all, `${n} workers: every task once`);
      for (const w of workers)
        assert.deepEqual(
          w,
          [...w].sort((a, b) => a - b),
        );
      const workerOf = new Map<number, number>();
      workers.forEach((tasks, i) => tasks.forEach((t) => workerOf.set(t, i)));
      const executorsPer = new Array<number>(n).fill(0);
      for (const e of plan.executors) {
        const homes = new Set(e.taskIds.map((t) => workerOf.get(t)));
        assert.equal(homes.size, 1, `${n} workers: an executor's tasks share one worker`);
        executorsPer[[...homes][0]!]!++;
      }
      assert.ok(
        Math.max(...executorsPer) - Math.min(...executorsPer) <= 1,
        `${n}: ${executorsPer.join(',')}`,
      );
    }
  });

  it('assignRoundRobin - with more workers than executors the extra workers get nothing', () => {
    const builder = new TopologyBuilder();
    builder.setSpout('s', idleSpout, 1);
    builder
      .setBolt('b', () => new FnBolt({ execute() {} }), 1)
      .setNumTasks(3)
      .shuffleGrouping('s');
    // b: tasks 1-3 in one executor; s: task 4.
    assert.deepEqual(assignRoundRobin(new TaskPlan(builder.createTopology()), 3), [[1, 2, 3], [4], []]);
  });
});

describe('LocalTopology - workers', () => {
  it('LocalTopology - runs as many workers as asked, each with the tasks round-robin gives it', async () => {
    const topology = wideTopology(3);
    const lt = new LocalTopology({ name: 'wide', topology, logger: silentLogger, onFatal() {} });
    assert.equal(lt.workers.length, 3);
    lt.start();
    try {
      assert.deepEqual(
        lt.workers.map((w) => w.stats().map((s) => s.taskId)),
        assignRoundRobin(new TaskPlan(runtimeTopology(topology)), 3),
      );
      assert.equal(lt.state, 'active');
    } finally {
      const report = await lt.stop(1000);
      assert.deepEqual(report, { drained: true, dropped: 0 });
    }
    assert.ok(lt.workers.every((w) => w.state === 'stopped'));
  });

  it('LocalTopology - never runs more workers than executors, nor fewer than one', () => {
    const builder = new TopologyBuilder();
    builder.setSpout('s', idleSpout, 1);
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 2).shuffleGrouping('s');
    const three = builder.createTopology({ workers: 8 });
    assert.equal(
      new LocalTopology({ name: 't', topology: three, logger: silentLogger, onFatal() {} }).workers.length,
      3,
    );
    const one = builder.createTopology({ workers: 1 });
    assert.equal(
      new LocalTopology({ name: 't', topology: one, logger: silentLogger, onFatal() {} }).workers.length,
      1,
    );
  });

  it('LocalTopology - a start failure in worker 2 stops worker 1, leaves worker 3 unstarted, and throws COMPONENT_FAILED', async () => {
    const events: string[] = [];
    let polls = 0;
    const builder = new TopologyBuilder();
    // Executors: a (task 1) -> worker 1, b (task 2) -> worker 2, c (task 3) -> worker 3.
    builder.setSpout(
      'a',
      () =>
        new FnSpout({
          open: () => events.push('a open'),
          nextTuple(c) {
            polls++;
            c.emit('default', [polls]);
          },
          close: () => events.push('a close'),
        }),
      1,
    );
    builder
      .setBolt(
        'b',
        () =>
          new FnBolt({
            prepare() {
              throw new Error('no database');
            },
            execute() {},
          }),
        1,
      )
      .shuffleGrouping('a');
    builder
      .setBolt(
        'c',
        () =>
          new FnBolt({
            prepare: () => events.push('c prepare'),
            execute() {},
            cleanup: () => events.push('c cleanup'),
          }),
        1,
      )
      .shuffleGrouping('a');
    const lt = new LocalTopology({
      name: 'fail',
      topology: builder.createTopology({ workers: 3 }),
      logger: silentLogger,
      onFatal() {},
    });
    assert.throws(
      () => lt.start(),
      (err: unknown) => {
        assert.ok(err instanceof GaleError);
        assert.equal(err.code, 'COMPONENT_FAILED');
        assert.equal(err.details.component, 'b');
        assert.equal(err.details.taskId, 2);
        return true;
      },
    );
    await waitFor(() => lt.workers[0]!.state === 'stopped', { message: 'worker 1 stopped' });
    assert.deepEqual(
      lt.workers.map((w) => w.state),
      ['stopped', 'stopped', 'created'],
    );
    assert.deepEqual(events, ['a open', 'a close'], 'worker 3 never prepared c; worker 1 closed a');
    const after = polls;
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    assert.equal(polls, after, 'nothing polls the spout any more');
  });

  it('LocalTopology - a worker that crashes takes the other workers down with it and reports once', async () => {
    const events: string[] = [];
    let polls = 0;
    let fatal = 0;
    // A logger that throws while a bolt error is reported: the error escapes the executor, which
    // is how an internal bug crashes a worker.
    const logger: Logger = {
      ...silentLogger,
      error(_fields, message) {
        if (message === 'component error') throw new Error('log sink broken');
      },
    };
    const builder = new TopologyBuilder();
    // Executors: a-src -> worker 1, b-bad -> worker 2.
    builder.setSpout(
      'a-src',
      () =>
        new FnSpout({
          nextTuple(c) {
            polls++;
            c.emit('default', [polls]);
          },
          close: () => events.push('a close'),
        }),
      1,
    );
    builder
      .setBolt(
        'b-bad',
        () =>
          new FnBolt({
            execute() {
              throw new Error('boom');
            },
            cleanup: () => events.push('b cleanup'),
          }),
        1,
      )
      .shuffleGrouping('a-src');
    const lt = new LocalTopology({
      name: 'crash',
      topology: builder.createTopology({ workers: 2 }),
      logger,
      onFatal: () => fatal++,
    });
    lt.start();
    await waitFor(() => lt.workers[1]!.state === 'stopped', { message: 'worker 2 crashed and stopped' });
    await waitFor(() => lt.workers[0]!.state === 'stopped', { message: 'worker 1 was stopped too' });
    await waitFor(() => events.includes('a close'));
    assert.equal(fatal, 1);
    assert.deepEqual([...events].sort(), ['a close', 'b cleanup']);
    const after = polls;
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    assert.equal(polls, after, 'nothing polls the spout any more');
  });
});
