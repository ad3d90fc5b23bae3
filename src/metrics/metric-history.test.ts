import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MetricHistory } from './metric-history.js';

describe('MetricHistory', () => {
  it('MetricHistory - a window is the change since its start; a short history covers less', () => {
    const h = new MetricHistory(1);
    assert.equal(h.window(10), null);
    for (let s = 0; s <= 30; s++) h.push(1_000_000 + s * 1000, Float64Array.of(s * 5));
    const w10 = h.window(10)!;
    assert.equal(w10.seconds, 10);
    assert.equal(w10.delta[0], 50);
    const w600 = h.window(600)!;
    assert.equal(w600.seconds, 30, 'only 30 s of history');
    assert.equal(w600.delta[0], 150);
    const all = h.window(Infinity)!;
    assert.equal(all.delta[0], 150, 'all time counts from zero');
  });

  it('MetricHistory - keeps 10 minutes of points and a point a minute for 3 hours', () => {
    const h = new MetricHistory(1);
    const start = 5_000_000;
    for (let s = 0; s <= 4 * 3600; s += 5) h.push(start + s * 1000, Float64Array.of(s));
    assert.ok(h.recent().length <= 610 / 5 + 2, `fine points: ${h.recent().length}`);
    const w3h = h.window(10_800)!;
    assert.ok(Math.abs(w3h.seconds - 10_800) <= 60, `3 h window covers ${w3h.seconds} s`);
    assert.ok(Math.abs(w3h.delta[0]! - 10_800) <= 60);
    const w10m = h.window(600)!;
    assert.equal(w10m.seconds, 600);
    assert.equal(w10m.delta[0], 600);
  });

  it('MetricHistory - a point older than the newest is ignored', () => {
    const h = new MetricHistory(1);
    h.push(2000, Float64Array.of(2));
    h.push(1000, Float64Array.of(1));
    assert.equal(h.recent().length, 1);
    assert.equal(h.latest?.values[0], 2);
  });

  it('MetricHistory - property: the 10 s window of a monotonic series is never negative and never exceeds the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.nat(1000)), { minLength: 1, maxLength: 200 }),
        (steps) => {
          const h = new MetricHistory(1);
          let t = 0;
          let v = 0;
          for (const [dt, dv] of steps) {
            t += dt;
            v += dv;
            h.push(t, Float64Array.of(v));
          }
          const w = h.window(10)!;
          return w.delta[0]! >= 0 && w.delta[0]! <= v && w.seconds <= 10 + 5 && w.seconds >= 0;
        },
      ),
    );
  });
});
