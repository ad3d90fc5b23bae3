import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorLog, type ErrorRecord } from './error-log.js';

const rec = (component: string, n: number): ErrorRecord => ({
  component,
  taskId: 1,
  time: n,
  message: `e${n}`,
});

describe('ErrorLog', () => {
  it('ErrorLog - keeps the last N records per component, oldest first, and counts all', () => {
    const log = new ErrorLog(3);
    for (let i = 1; i <= 5; i++) log.add(rec('a', i));
    log.add(rec('b', 6));
    assert.deepEqual(
      log.list('a').map((r) => r.message),
      ['e3', 'e4', 'e5'],
    );
    assert.deepEqual(
      log.list('b').map((r) => r.message),
      ['e6'],
    );
    assert.equal(log.total, 6);
  });

  it('ErrorLog - list() merges components by time; an unknown component has none', () => {
    const log = new ErrorLog(10);
    log.add(rec('b', 2));
    log.add(rec('a', 1));
    log.add(rec('b', 4));
    log.add(rec('a', 3));
    assert.deepEqual(
      log.list().map((r) => r.time),
      [1, 2, 3, 4],
    );
    assert.deepEqual(log.list('zzz'), []);
  });

  it('ErrorLog - keep 0 records nothing but still counts', () => {
    const log = new ErrorLog(0);
    log.add(rec('a', 1));
    assert.deepEqual(log.list(), []);
    assert.equal(log.total, 1);
  });

  it('ErrorLog - list returns a copy', () => {
    const log = new ErrorLog(5);
    log.add(rec('a', 1));
    log.list('a').length = 0;
    assert.equal(log.list('a').length, 1);
  });
});
