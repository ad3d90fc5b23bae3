import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { FollowMerger, lineTime, mergeByTime, type TimedLine } from './log-merge.js';

const at = (time: number, text = `t${time}`): TimedLine => ({ time, text });

describe('log merge', () => {
  it('log merge - mergeByTime orders the lines of every list by time; ties keep list order', () => {
    const a = [at(1, 'a1'), at(4, 'a4'), at(4, 'a4b'), at(9, 'a9')];
    const b = [at(2, 'b2'), at(4, 'b4'), at(10, 'b10')];
    const c: TimedLine[] = [];
    assert.deepEqual(
      mergeByTime([a, b, c]).map((l) => l.text),
      ['a1', 'b2', 'a4', 'a4b', 'b4', 'a9', 'b10'],
    );
    assert.deepEqual(mergeByTime([]), []);
  });

  it('log merge - lineTime reads the time of a JSON line, 0 otherwise', () => {
    assert.equal(lineTime('{"time":1700000000123,"msg":"x"}'), 1700000000123);
    assert.equal(lineTime('{"msg":"no time"}'), 0);
    assert.equal(lineTime('not json'), 0);
    assert.equal(lineTime('{"time":"soon"}'), 0);
  });

  it('log merge - FollowMerger holds lines for the window and lets them out in time order', () => {
    const clock = new ManualClock(0);
    const m = new FollowMerger<TimedLine>(300, clock);
    m.push(at(105)); // machine a
    clock.advance(50);
    m.push(at(100)); // machine b, written earlier, arrived later
    m.push(at(110));
    assert.deepEqual(m.take(), [], 'nothing due yet');
    clock.advance(250);
    // 100 arrived at 50 and is not due: it holds back the later ones.
    assert.deepEqual(m.take(), []);
    clock.advance(50);
    assert.deepEqual(
      m.take().map((l) => l.time),
      [100, 105, 110],
    );
    assert.equal(m.size, 0);
    // A line later than the window allows still comes out, right when it is due.
    m.push(at(90));
    m.push(at(200));
    assert.deepEqual(
      m.drain().map((l) => l.time),
      [90, 200],
    );
  });
});
