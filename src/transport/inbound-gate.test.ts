import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransportMessage } from '../runtime/messaging/messages.js';
import { InboundGate, type CreditSource } from './inbound-gate.js';

function source(peer: string): CreditSource & { owed: number; paid: number } {
  return {
    peer,
    owed: 0,
    paid: 0,
    consumed(n: number) {
      this.owed += n;
    },
    sendCredit() {
      this.paid += this.owed;
      this.owed = 0;
    },
  };
}

const status = (t: number): TransportMessage => ({ kind: 'backpressure', overloadedTasks: [t] });

describe('inbound gate', () => {
  it('inbound gate - messages before the handler is set are held, then handed over in order with their credit', () => {
    const gate = new InboundGate();
    const a = source('a');
    gate.deliver(a, status(1));
    gate.deliver(a, status(2));
    assert.equal(gate.waiting, 2);
    assert.equal(a.owed + a.paid, 0, 'no credit for what the worker has not taken');
    const got: string[] = [];
    gate.onMessage((from, m) =>
      got.push(`${from}:${m.kind === 'backpressure' ? m.overloadedTasks[0] : '?'}`),
    );
    gate.deliver(a, status(3));
    assert.deepEqual(got, ['a:1', 'a:2', 'a:3']);
    assert.equal(a.paid, 2, 'credit for the held ones paid on hand-over');
    assert.equal(gate.waiting, 0);
  });

  it('inbound gate - paused, it holds even with a handler, and resume hands over and pays', () => {
    const gate = new InboundGate();
    const a = source('a');
    const got: number[] = [];
    gate.onMessage((_from, m) => got.push(m.kind === 'backpressure' ? m.overloadedTasks[0]! : -1));
    gate.pause();
    gate.deliver(a, status(7));
    assert.deepEqual(got, []);
    gate.resume([a]);
    assert.deepEqual(got, [7]);
    assert.equal(a.paid, 1);
  });
});
