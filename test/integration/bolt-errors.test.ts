/**
 * User errors inside a bolt never stop a topology: a throw fails the tuple and is recorded with
 * its component, task, time, message and tuple; `FailedTupleError` fails without a record;
 * `reportError` records without failing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailedTupleError, TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { CapturingLogger } from '../helpers/capturing-logger.js';
import { FnBasicBolt, FnBolt, FnSpout } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

/** Emits 1..n once. */
function countingSpout(n: number): FnSpout {
  let i = 0;
  return new FnSpout({
    outputs: { default: ['n'] },
    nextTuple(c) {
      if (i < n) c.emit('default', [++i]);
    },
  });
}

const N = 210;
const throws = (n: number): boolean => n % 3 === 0;
const failsQuietly = (n: number): boolean => !throws(n) && n % 5 === 0;
const reports = (n: number): boolean => !throws(n) && !failsQuietly(n) && n % 7 === 0;
const count = (pred: (n: number) => boolean): number => {
  let c = 0;
  for (let n = 1; n <= N; n++) if (pred(n)) c++;
  return c;
};

describe('bolt errors - a throwing bolt', () => {
  it('bolt errors - throws fail tuples and are recorded; the other tuples are processed', async () => {
    const processed: number[] = [];
    const builder = new TopologyBuilder();
    builder.setSpout('numbers', () => countingSpout(N), 1);
    builder
      .setBolt(
        'picky',
        () =>
          new FnBolt({
            execute(t, c) {
              const n = Number(t.getValue(0));
              if (throws(n)) throw new Error(`no multiples of three: ${n}`);
              if (failsQuietly(n)) throw new FailedTupleError('multiple of five');
              if (reports(n)) c.reportError(new Error(`seven divides ${n}`));
              processed.push(n);
            },
          }),
        2,
      )
      .shuffleGrouping('numbers');
    const topology = builder.createTopology({ maxErrorsPerComponent: 1000 });
    const logger = new CapturingLogger();
    await using cluster = new LocalCluster({ logger });
    const before = Date.now();
    await cluster.submitTopology('errors', topology);
    await waitFor(
      () => cluster.getTopology('errors').components.find((c) => c.component === 'picky')?.executed === N,
    );
    const after = Date.now();

    const info = cluster.getTopology('errors');
    assert.equal(info.state, 'active', 'the topology keeps running');
    const picky = info.components.find((c) => c.component === 'picky')!;
    const thrown = count(throws);
    const quiet = count(failsQuietly);
    const reported = count(reports);
    assert.equal(picky.failed, thrown + quiet, 'thrown errors and FailedTupleErrors fail their tuple');
    assert.equal(picky.acked, N - thrown - quiet, 'every other tuple is acked');
    assert.equal(
      picky.errors,
      thrown + reported,
      'throws and reportError count as errors, FailedTupleError not',
    );
    assert.deepEqual(
      processed.sort((a, b) => a - b),
      Array.from({ length: N }, (_, i) => i + 1).filter((n) => !throws(n) && !failsQuietly(n)),
    );

    const records = cluster.getErrors('errors', 'picky');
    assert.equal(records.length, thrown + reported);
    const tasks = new Set(info.tasks.filter((t) => t.component === 'picky').map((t) => t.taskId));
    for (const r of records) {
      assert.equal(r.component, 'picky');
      assert.ok(tasks.has(r.taskId), `task ${r.taskId} is a task of picky`);
      assert.ok(r.time >= before && r.time <= after, 'time is wall-clock ms of the error');
      assert.doesNotMatch(r.message, /multiple of five/, 'FailedTupleError leaves no record');
    }
    const thrownRecords = records.filter((r) => r.message.startsWith('no multiples of three'));
    assert.equal(thrownRecords.length, thrown);
    for (const r of thrownRecords) {
      const n = r.message.split(': ')[1]!;
      assert.ok(r.tuple !== undefined, 'a thrown error records the tuple');
      assert.match(r.tuple, new RegExp(`^numbers\\.default from task \\d+: \\[${n}\\]$`));
      assert.ok(r.stack?.includes('no multiples of three'), 'the stack is kept');
    }
    const reportedRecords = records.filter((r) => r.message.startsWith('seven divides'));
    assert.equal(reportedRecords.length, reported);
    for (const r of reportedRecords) assert.equal(r.tuple, undefined, 'reportError records no tuple');
    assert.deepEqual(cluster.getErrors('errors', 'numbers'), []);
    assert.equal(cluster.getErrors('errors').length, records.length, 'all components: the same records');
    // Every record is also logged at error level, structured.
    const logged = logger.withMessage('component error');
    assert.equal(logged.length, thrown + reported);
    assert.ok(logged.every((e) => e.level === 'error' && e.fields['component'] === 'picky'));
  });

  it('bolt errors - getErrors keeps only the latest maxErrorsPerComponent records per component', async () => {
    const builder = new TopologyBuilder();
    builder.setSpout('numbers', () => countingSpout(50), 1);
    builder
      .setBolt(
        'thrower',
        () =>
          new FnBolt({
            execute(t) {
              throw new Error(`boom ${String(t.getValue(0))}`);
            },
          }),
        1,
      )
      .shuffleGrouping('numbers');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('keep', builder.createTopology({ maxErrorsPerComponent: 4 }));
    await waitFor(
      () => cluster.getTopology('keep').components.find((c) => c.component === 'thrower')?.errors === 50,
    );
    assert.deepEqual(
      cluster.getErrors('keep', 'thrower').map((r) => r.message),
      ['boom 47', 'boom 48', 'boom 49', 'boom 50'],
    );
  });

  it('bolt errors - a basic bolt acks on return and fails (with a record) on throw', async () => {
    const builder = new TopologyBuilder();
    builder.setSpout('numbers', () => countingSpout(30), 1);
    builder
      .setBolt(
        'basic',
        () =>
          new FnBasicBolt({
            execute(t) {
              if (Number(t.getValue(0)) % 10 === 0) throw new Error('tens');
            },
          }),
        1,
      )
      .shuffleGrouping('numbers');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('basic', builder.createTopology());
    await waitFor(
      () => cluster.getTopology('basic').components.find((c) => c.component === 'basic')?.executed === 30,
    );
    const s = cluster.getTopology('basic').components.find((c) => c.component === 'basic')!;
    assert.deepEqual(
      { acked: s.acked, failed: s.failed, errors: s.errors },
      { acked: 27, failed: 3, errors: 3 },
    );
    assert.deepEqual(
      cluster
        .getErrors('basic')
        .map((r) => r.tuple?.endsWith('[10]') || r.tuple?.endsWith('[20]') || r.tuple?.endsWith('[30]')),
      [true, true, true],
    );
  });
});
