import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { StopTrigger, type StopReason } from './stop-trigger.js';

function setup(durationMs: number) {
  const clock = new ManualClock();
  const signals = new EventEmitter();
  const exits: number[] = [];
  const trigger = new StopTrigger({ durationMs, signals, clock, onForceExit: (code) => exits.push(code) });
  trigger.startDuration();
  let reason: StopReason | undefined;
  void trigger.reason.then((r) => {
    reason = r;
  });
  // Lets the `then` above run.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, signals, exits, trigger, settle, reason: () => reason };
}

describe('stop-trigger', () => {
  it('stop-trigger - the duration counts from startDuration, not from the construction', async () => {
    const clock = new ManualClock();
    const trigger = new StopTrigger({
      durationMs: 1000,
      signals: new EventEmitter(),
      clock,
      onForceExit() {},
    });
    let reason: StopReason | undefined;
    void trigger.reason.then((r) => (reason = r));
    clock.advance(5000); // starting the topology took long
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(reason, undefined);
    trigger.startDuration();
    trigger.startDuration(); // once
    assert.equal(clock.pending, 1);
    clock.advance(1000);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(reason, 'duration');
    trigger.dispose();
  });

  it('stop-trigger - stops when the duration runs out', async () => {
    const t = setup(2000);
    t.clock.advance(1999);
    await t.settle();
    assert.equal(t.reason(), undefined);
    t.clock.advance(1);
    await t.settle();
    assert.equal(t.reason(), 'duration');
  });

  it('stop-trigger - a first Ctrl-C stops gracefully, a second forces exit 130', async () => {
    const t = setup(0);
    t.clock.advance(1_000_000);
    t.signals.emit('SIGINT');
    await t.settle();
    assert.equal(t.reason(), 'SIGINT');
    assert.deepEqual(t.exits, []);
    t.signals.emit('SIGINT');
    assert.deepEqual(t.exits, [130]);
  });

  it('stop-trigger - SIGTERM stops too, and a second one exits with 143', async () => {
    const t = setup(5000);
    t.signals.emit('SIGTERM');
    await t.settle();
    assert.equal(t.reason(), 'SIGTERM');
    t.signals.emit('SIGTERM');
    assert.deepEqual(t.exits, [143]);
    assert.equal(t.clock.pending, 0, 'the duration timer is cancelled');
  });

  it('stop-trigger - the first cause wins', async () => {
    const t = setup(1000);
    t.trigger.fire('crashed');
    t.clock.advance(1000);
    await t.settle();
    assert.equal(t.reason(), 'crashed');
  });

  it('stop-trigger - dispose removes the signal listeners', () => {
    const t = setup(1000);
    assert.equal(t.signals.listenerCount('SIGINT'), 1);
    assert.equal(t.signals.listenerCount('SIGTERM'), 1);
    t.trigger.dispose();
    assert.equal(t.signals.listenerCount('SIGINT'), 0);
    assert.equal(t.signals.listenerCount('SIGTERM'), 0);
    assert.equal(t.clock.pending, 0);
  });
});
