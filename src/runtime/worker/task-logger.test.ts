import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { TopologyBuilder, type Topology } from '../../api/index.js';
import { FnBolt, FnSpout } from '../../../test/helpers/fixtures.js';
import { waitFor } from '../../../test/helpers/wait-for.js';
import { childLogger, silentLogger, type Logger } from './logger.js';
import { TaskPlan } from '../plan/task-plan.js';
import { runtimeTopology } from '../plan/runtime-topology.js';
import { TaskLoggerImpl } from './task-logger-impl.js';
import { TopologyContextImpl } from './topology-context-impl.js';
import { WorkerRuntime } from './worker-runtime.js';

/** A pino logger writing into an array of raw JSON lines, as a worker's root logger would. */
function memoryPino(level = 'info'): { root: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l !== '') lines.push(l);
      done();
    },
  });
  return { root: pino({ level, base: { host: 'host-a' } }, sink), lines };
}

/** Each line as an object; a key written twice would be silently merged by JSON.parse, so count. */
function parsed(lines: readonly string[]): Record<string, unknown>[] {
  for (const l of lines)
    for (const key of ['topology', 'component', 'task', 'worker', 'host'])
      assert.ok(l.split(`"${key}":`).length <= 2, `${key} once in ${l}`);
  return lines.map((l) => {
    const v: unknown = JSON.parse(l);
    assert.ok(typeof v === 'object' && v !== null);
    return { ...v };
  });
}

function loggingTopology(onExecute: (log: TopologyContextImpl['log']) => void) {
  const builder = new TopologyBuilder();
  let sent = false;
  builder.setSpout(
    'numbers',
    () =>
      new FnSpout({
        nextTuple(c) {
          if (!sent) c.emit([1]);
          sent = true;
        },
      }),
  );
  builder
    .setBolt(
      'audit',
      () =>
        new FnBolt({
          prepare(context) {
            context.log.info('audit ready', { tasks: context.getComponentTasks('audit').length });
          },
          execute(_t, _c, context) {
            onExecute(context.log);
          },
        }),
      2,
    )
    .shuffleGrouping('numbers');
  return builder.createTopology();
}

/** Runs `topology` as one worker logging to `logger` until `done`, then stops it. */
async function runUntil(topology: Topology, logger: Logger, done: () => boolean): Promise<void> {
  const runtime = new WorkerRuntime({ topologyName: 'wc', topology, logger });
  runtime.start();
  try {
    await waitFor(done, { message: 'the tuple executed and logged' });
  } finally {
    await runtime.stop(1000);
  }
}

describe('task logger', () => {
  it("task logger - a bolt's lines carry topology, component, task, worker and host, each once", async () => {
    const { root, lines } = memoryPino();
    let executed = 0;
    const topology = loggingTopology((log) => {
      log.warn('odd value', { value: 1 });
      executed++;
    });
    await runUntil(topology, childLogger(root, { topology: 'wc', worker: 's1:6700' }), () => executed === 1);
    const objs = parsed(lines);
    const ready = objs.filter((o) => o['msg'] === 'audit ready');
    assert.deepEqual(
      ready.map((o) => [o['topology'], o['component'], o['worker'], o['host'], o['tasks']]),
      [
        ['wc', 'audit', 's1:6700', 'host-a', 2],
        ['wc', 'audit', 's1:6700', 'host-a', 2],
      ],
    );
    const tasks = new TaskPlan(runtimeTopology(topology)).tasksOf('audit');
    assert.deepEqual(ready.map((o) => o['task']).sort(), [...tasks].sort());
    const warn = objs.find((o) => o['msg'] === 'odd value');
    assert.ok(warn !== undefined, lines.join('\n'));
    assert.equal(warn['level'], 40);
    assert.equal(warn['value'], 1);
    assert.equal(warn['component'], 'audit');
    assert.ok(tasks.includes(Number(warn['task'])));
  });

  it('task logger - errors a component reports are logged as its task, with the error', async () => {
    const { root, lines } = memoryPino();
    let executed = 0;
    const topology = loggingTopology(() => {
      executed++;
      throw new Error('boom');
    });
    await runUntil(
      topology,
      childLogger(root, { topology: 'wc', worker: 'local' }),
      () => executed === 1 && lines.some((l) => l.includes('component error')),
    );
    const error = parsed(lines).find((o) => o['msg'] === 'component error');
    assert.ok(error !== undefined);
    assert.equal(error['component'], 'audit');
    assert.equal(error['topology'], 'wc');
    assert.equal(error['worker'], 'local');
    assert.equal(error['err'], 'boom');
    assert.equal(typeof error['task'], 'number');
  });

  it('task logger - isLevelEnabled follows the level; lines below it are dropped', () => {
    const { root, lines } = memoryPino('info');
    const topology = loggingTopology(() => {});
    const plan = new TaskPlan(runtimeTopology(topology));
    const silent = new TopologyContextImpl('t', 2, 'audit', [2], topology.config, plan);
    assert.equal(silent.log.isLevelEnabled('error'), false, 'a context without a logger is silent');
    const log = new TaskLoggerImpl(childLogger(root, { component: 'audit', task: 2 }));
    assert.equal(log.isLevelEnabled('debug'), false);
    assert.equal(log.isLevelEnabled('info'), true);
    log.debug('dropped');
    log.info('kept');
    log.error('with an error', { err: new Error('bad') });
    const objs = parsed(lines);
    assert.deepEqual(
      objs.map((o) => o['msg']),
      ['kept', 'with an error'],
    );
    const err = objs[1]!['err'];
    assert.ok(
      typeof err === 'object' && err !== null && 'message' in err && 'stack' in err,
      'an Error keeps its stack',
    );
    assert.equal(err.message, 'bad');
  });

  it('task logger - childLogger binds fields on a logger without child, and nests', () => {
    const seen: Record<string, unknown>[] = [];
    const plain: Logger = {
      debug: () => {},
      info: (fields) => seen.push(fields),
      warn: () => {},
      error: () => {},
    };
    childLogger(childLogger(plain, { topology: 't', worker: 'w' }), { component: 'c', task: 3 }).info(
      { x: 1 },
      'm',
    );
    assert.deepEqual(seen, [{ topology: 't', worker: 'w', component: 'c', task: 3, x: 1 }]);
    // A logger made from silentLogger with one method overridden keeps it when bound.
    const overridden: string[] = [];
    childLogger({ ...silentLogger, warn: (_f, m) => overridden.push(m) }, { a: 1 }).warn({}, 'kept');
    assert.deepEqual(overridden, ['kept']);
  });
});
