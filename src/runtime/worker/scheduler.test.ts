import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock, type Clock } from '../../util/clock.js';
import type { Executor } from '../executor/executor.js';
import type { TaskStats } from '../stats/task-stats.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { waitFor } from '../../../test/helpers/wait-for.js';
import { Scheduler } from './scheduler.js';

/** An executor over a counter of pending work units. */
class FakeExecutor implements Executor {
  readonly kind = 'bolt' as const;
  readonly component = 'fake';
  readonly taskIds = [1];
  readonly stats: readonly TaskStats[] = [];
  readonly startingTask = 1;
  work = 0;
  blocked = false;
  endless = false;
  wakeAtMs = Infinity;
  steps = 0;
  throwOnStep: Error | null = null;

  start(): void {}
  close(): void {}

  runOnce(budget: number): boolean {
    this.steps++;
    if (this.throwOnStep !== null) throw this.throwOnStep;
    if (this.endless) return true;
    if (this.blocked || this.work === 0) return false;
    this.work -= Math.min(budget, this.work);
    return true;
  }

  wakeAt(): number {
    return this.wakeAtMs;
  }

  flushAcks(): boolean {
    return false;
  }

  hasQueuedInput(): boolean {
    return this.work > 0;
  }
}

function setup(
  clock: Clock = systemClock,
  onCrash: (err: unknown) => void = (err) => assert.fail(String(err)),
): { s: Scheduler; ex: FakeExecutor; slices: () => number } {
  let slices = 0;
  const s = new Scheduler({ budget: 10, sliceMs: 5, clock, onCrash, onSliceEnd: () => slices++ });
  const ex = new FakeExecutor();
  s.setExecutors([ex]);
  return { s, ex, slices: () => slices };
}

/** Lets queued setImmediate callbacks (scheduler slices) run. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('Scheduler', () => {
  it('Scheduler - whenIdle resolves once every queue is drained', async () => {
    const { s, ex } = setup();
    ex.work = 1000;
    s.start();
    await s.whenIdle();
    assert.equal(ex.work, 0);
    assert.ok(ex.steps >= 100, 'budget 10: at least 100 steps');
    s.stop();
  });

  it('Scheduler - whenIdle waits while input is held back (a blocked executor), until woken and drained', async () => {
    const { s, ex } = setup();
    ex.work = 5;
    ex.blocked = true;
    s.start();
    let idle = false;
    void s.whenIdle().then(() => (idle = true));
    await turns(20);
    assert.equal(idle, false, 'input is still queued: not idle');
    assert.equal(s.parked, true, 'a round without progress parks');
    ex.blocked = false;
    s.wake();
    await waitFor(() => idle);
    assert.equal(ex.work, 0);
    s.stop();
  });

  it('Scheduler - parks when idle; wake after park runs the executors again', async () => {
    const { s, ex, slices } = setup();
    s.start();
    await waitFor(() => s.parked && slices() === 1);
    const steps = ex.steps;
    await turns(10);
    assert.equal(ex.steps, steps, 'a parked scheduler steps nothing');
    ex.work = 25;
    s.wake();
    assert.equal(s.parked, false);
    await waitFor(() => ex.work === 0 && s.parked);
    assert.ok(ex.steps > steps);
    s.stop();
  });

  it('Scheduler - many wakes before a slice runs schedule one slice', async () => {
    const { s, slices } = setup();
    s.start();
    await waitFor(() => s.parked && slices() === 1);
    for (let i = 0; i < 100; i++) s.wake();
    await turns(10);
    assert.equal(slices(), 2);
    s.stop();
  });

  it('Scheduler - an executor that always has work does not starve the event loop', async () => {
    const { s, ex } = setup();
    ex.endless = true;
    s.start();
    // A timer must still fire between slices.
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    assert.ok(ex.steps > 0);
    s.stop();
    const steps = ex.steps;
    await turns(5);
    assert.equal(ex.steps, steps, 'nothing runs after stop');
  });

  it('Scheduler - an executor that asks for a later step gets it from a timer on the clock', async () => {
    const clock = new ManualClock(0);
    const { s, ex } = setup(clock);
    ex.wakeAtMs = 50;
    s.start();
    await waitFor(() => s.parked && ex.steps === 1);
    assert.equal(clock.pending, 1, 'one timer for the wake-up');
    clock.advance(49);
    await turns(5);
    assert.equal(ex.steps, 1, 'not before its time');
    ex.wakeAtMs = Infinity;
    clock.advance(1);
    await waitFor(() => ex.steps === 2);
    await turns(5);
    assert.equal(clock.pending, 0, 'no timer when nobody asks for one');
    s.stop();
  });

  it('Scheduler - a wake cancels a pending wake-up timer; stop cancels it too', async () => {
    const clock = new ManualClock(0);
    const { s, ex } = setup(clock);
    ex.wakeAtMs = 1000;
    s.start();
    await waitFor(() => s.parked && clock.pending === 1);
    s.wake();
    assert.equal(clock.pending, 0);
    await waitFor(() => s.parked && clock.pending === 1);
    s.stop();
    assert.equal(clock.pending, 0);
  });

  it('Scheduler - stop resolves pending whenIdle calls and is idempotent', async () => {
    const { s, ex } = setup();
    ex.work = 1;
    ex.blocked = true;
    s.start();
    const idle = s.whenIdle();
    s.stop();
    s.stop();
    await idle;
    s.start();
    await turns(3);
    assert.equal(s.parked, true, 'a stopped scheduler does not start again');
  });

  it('Scheduler - a throwing step is reported through onCrash and stepping stops', async () => {
    const crashes: unknown[] = [];
    const { s, ex } = setup(systemClock, (err) => crashes.push(err));
    const boom = new Error('bug');
    ex.throwOnStep = boom;
    s.start();
    await waitFor(() => crashes.length === 1);
    assert.equal(crashes[0], boom);
    await turns(5);
    assert.equal(ex.steps, 1);
  });
  it('scheduler - whenIdle after stop resolves at once', async () => {
    const { s } = setup();
    s.start();
    s.stop();
    await s.whenIdle();
  });

  it('scheduler - a wake from inside a slice starts no second chain of slices', async () => {
    // One round per slice (a clock that never moves and sliceMs 0): slices can be counted exactly.
    const frozen: Clock = { ...systemClock, now: () => 0 };
    let slices = 0;
    const s = new Scheduler({
      budget: 10,
      sliceMs: 0,
      clock: frozen,
      onCrash: (e) => assert.fail(String(e)),
      onSliceEnd: () => slices++,
    });
    let calls = 0;
    const ex = new FakeExecutor();
    ex.runOnce = (): boolean => {
      calls++;
      if (calls === 1) s.wake(); // as a delivery from inside a step would
      return calls <= 3;
    };
    s.setExecutors([ex]);
    s.start();
    await s.whenIdle();
    await turns(5);
    // Three busy slices, then one idle slice that parks; a second chain would add more.
    assert.equal(calls, 4);
    assert.equal(slices, 4);
    s.stop();
  });
});
