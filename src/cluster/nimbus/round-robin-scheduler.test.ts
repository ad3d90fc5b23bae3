import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AssignmentRecord, SupervisorRecord, WorkerAssignment } from '../store/records.js';
import { RoundRobinScheduler } from './round-robin-scheduler.js';
import type { ExecutorSpec } from './scheduler.js';

const scheduler = new RoundRobinScheduler();

function executors(count: number, tasksEach = 1): ExecutorSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    component: `c${i % 3}`,
    taskIds: Array.from({ length: tasksEach }, (_, k) => 1 + i * tasksEach + k),
  }));
}

function supervisors(count: number, slots: number): SupervisorRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${String(i).padStart(3, '0')}`,
    host: `10.0.0.${i}`,
    slots: Array.from({ length: slots }, (_, k) => 6700 + k),
    startedAt: 0,
  }));
}

const allTasks = (ws: readonly WorkerAssignment[]): number[] =>
  ws.flatMap((w) => w.tasks).sort((a, b) => a - b);
const id = (w: WorkerAssignment): string => `${w.supervisor}:${w.port}`;

function record(workers: WorkerAssignment[]): AssignmentRecord {
  return { topology: 't', topologyId: 't-1', version: 1, rebalance: 0, workers };
}

describe('round-robin scheduler', () => {
  it('scheduler - a new topology: workers across machines first, executors round-robin', () => {
    const ws = scheduler.schedule({
      executors: executors(7),
      workers: 4,
      supervisors: supervisors(2, 4),
      occupied: new Set(),
    });
    assert.deepEqual(ws.map(id), ['s000:6700', 's001:6700', 's000:6701', 's001:6701']);
    assert.deepEqual(
      ws.map((w) => w.tasks),
      [[1, 5], [2, 6], [3, 7], [4]],
    );
  });

  it('scheduler - every executor placed once, slots distinct and free, balanced, deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(5)), { maxLength: 10 }),
        (nExec, tasksEach, nSup, nSlots, wanted, taken) => {
          const sups = supervisors(nSup, nSlots);
          const occupied = new Set(taken.map(([s, p]) => `s${String(s).padStart(3, '0')}:${6700 + p}`));
          const input = {
            executors: executors(nExec, tasksEach),
            workers: wanted,
            supervisors: sups,
            occupied,
          };
          const ws = scheduler.schedule(input);
          const free =
            nSup * nSlots -
            [...occupied].filter((o) => Number(o.slice(1, 4)) < nSup && Number(o.slice(-4)) - 6700 < nSlots)
              .length;
          assert.equal(ws.length, Math.min(wanted, free));
          if (ws.length === 0) return;
          assert.deepEqual(
            allTasks(ws),
            allTasks([
              { supervisor: '', host: '', port: 1, tasks: input.executors.flatMap((e) => e.taskIds) },
            ]),
          );
          assert.equal(new Set(ws.map(id)).size, ws.length);
          for (const w of ws) assert.equal(occupied.has(id(w)), false);
          const sizes = ws.map((w) => w.tasks.length / tasksEach);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `executors per worker ${sizes.join(',')}`);
          if (occupied.size === 0) {
            const perSup = new Map<string, number>();
            for (const w of ws) perSup.set(w.supervisor, (perSup.get(w.supervisor) ?? 0) + 1);
            const counts = [...perSup.values()];
            if (perSup.size < nSup)
              assert.ok(Math.max(...counts) <= 1, 'unused machines while one has two workers');
            else assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
          }
          assert.deepEqual(scheduler.schedule(input), ws);
        },
      ),
    );
  });

  it('scheduler - after a machine dies, only its executors move, to free slots first, then evenly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 80 }),
        fc.nat(),
        (nSup, nSlots, nExec, deadPick) => {
          const sups = supervisors(nSup, nSlots);
          const wanted = Math.max(1, Math.floor((nSup * nSlots) / 2));
          const execs = executors(nExec);
          const before = scheduler.schedule({
            executors: execs,
            workers: wanted,
            supervisors: sups,
            occupied: new Set(),
          });
          const dead = sups[deadPick % nSup]!.id;
          const alive = sups.filter((s) => s.id !== dead);
          const after = scheduler.schedule({
            executors: execs,
            workers: wanted,
            supervisors: alive,
            occupied: new Set(),
            current: record(before),
          });
          assert.deepEqual(allTasks(after), allTasks(before));
          assert.equal(
            after.some((w) => w.supervisor === dead),
            false,
          );
          assert.equal(after.length, Math.min(wanted, alive.length * nSlots));
          const sizes = after.map((w) => w.tasks.length);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `executors per worker ${sizes.join(',')}`);
          // Survivors kept everything they had.
          for (const w of before.filter((x) => x.supervisor !== dead)) {
            const now = after.find((x) => id(x) === id(w));
            assert.ok(now !== undefined);
            for (const t of w.tasks) assert.ok(now.tasks.includes(t));
          }
        },
      ),
    );
  });

  it('scheduler - no free slot at all gives no workers', () => {
    assert.deepEqual(
      scheduler.schedule({ executors: executors(3), workers: 2, supervisors: [], occupied: new Set() }),
      [],
    );
  });

  it('scheduler - 2000 executors on 200 supervisors x 4 slots, then 20 machines lost, each within the 2 s the cluster issue allows', () => {
    const sups = supervisors(200, 4);
    const execs = executors(2000);
    let t = performance.now();
    const first = scheduler.schedule({
      executors: execs,
      workers: 800,
      supervisors: sups,
      occupied: new Set(),
    });
    const scheduleMs = performance.now() - t;
    assert.equal(first.length, 800);
    t = performance.now();
    const after = scheduler.schedule({
      executors: execs,
      workers: 800,
      supervisors: sups.slice(20),
      occupied: new Set(),
      current: record(first),
    });
    const rescheduleMs = performance.now() - t;
    assert.equal(after.length, 720);
    assert.equal(allTasks(after).length, 2000);
    assert.ok(scheduleMs < 2000 && rescheduleMs < 2000, `${scheduleMs} ms, ${rescheduleMs} ms`);
  });
});
