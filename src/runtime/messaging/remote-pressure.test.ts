import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RemotePressure } from './remote-pressure.js';

function overloaded(p: RemotePressure, upTo = 12): number[] {
  const out: number[] = [];
  for (let t = 0; t <= upTo; t++) if (p.isOverloaded(t)) out.push(t);
  return out;
}

describe('RemotePressure - status per worker', () => {
  it('RemotePressure - no task is overloaded before any status', () => {
    assert.deepEqual(overloaded(new RemotePressure()), []);
  });

  it("RemotePressure - a status marks exactly the worker's listed tasks", () => {
    const p = new RemotePressure();
    assert.equal(p.update('w2', [3, 5]), false, 'nothing was released');
    assert.deepEqual(overloaded(p), [3, 5]);
  });

  it("RemotePressure - a worker's new status replaces its previous one", () => {
    const p = new RemotePressure();
    p.update('w2', [3, 5]);
    assert.equal(p.update('w2', [5, 7]), true, 'task 3 was released');
    assert.deepEqual(overloaded(p), [5, 7]);
    assert.equal(p.update('w2', []), true);
    assert.deepEqual(overloaded(p), []);
  });

  it('RemotePressure - statuses of different workers do not touch each other', () => {
    const p = new RemotePressure();
    p.update('w2', [3]);
    p.update('w3', [4, 6]);
    assert.deepEqual(overloaded(p), [3, 4, 6]);
    assert.equal(p.update('w3', []), true);
    assert.deepEqual(overloaded(p), [3], "w3's release leaves w2's task overloaded");
    assert.equal(p.update('w2', [3]), false);
    assert.deepEqual(overloaded(p), [3]);
  });

  it('RemotePressure - update reports a release only when a previously overloaded task is left out', () => {
    const p = new RemotePressure();
    assert.equal(p.update('w2', []), false, 'empty to empty');
    assert.equal(p.update('w2', [3]), false, 'adding is no release');
    assert.equal(p.update('w2', [3, 4]), false, 'adding more is no release');
    assert.equal(p.update('w2', [3, 4]), false, 'the same list again');
    assert.equal(p.update('w2', [4, 3]), false, 'the same set in another order');
    assert.equal(p.update('w2', [4, 9]), true, '3 left the set');
    assert.equal(p.update('w3', []), false, 'a worker never heard from releases nothing');
  });
});
