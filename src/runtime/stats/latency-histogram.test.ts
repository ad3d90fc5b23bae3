import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyHistogram } from './latency-histogram.js';

describe('latency histogram', () => {
  it('latency histogram - percentiles of a known distribution within 1%', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 100); // 0.01 ms .. 100 ms, uniform
    const s = h.summary();
    assert.equal(s.count, 10_000);
    const near = (actual: number, expected: number): void =>
      assert.ok(Math.abs(actual - expected) <= expected * 0.01, `${actual} vs ${expected}`);
    near(s.p50Ms, 50);
    near(s.p99Ms, 99);
    near(s.p999Ms, 99.9);
    near(s.maxMs, 100);
    near(s.meanMs, 50.005);
  });

  it('latency histogram - out-of-range values are clamped, reset empties it', () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(-5);
    h.record(1e12);
    assert.equal(h.count, 3);
    assert.ok(h.summary().maxMs >= 3_599_000_000 / 1000);
    h.reset();
    assert.deepEqual(h.summary(), { count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 });
  });
});

describe('latency histogram - recordMean', () => {
  it('latency histogram - recordMean counts every value at the mean', () => {
    const h = new LatencyHistogram();
    h.recordMean(30, 10); // 10 values of 3 ms
    h.recordMean(0, 5); // 5 values under a microsecond: clamped to 1 µs
    const s = h.summary();
    assert.equal(s.count, 15);
    assert.ok(Math.abs(s.meanMs - 2) < 0.05, `mean ${s.meanMs}`);
    assert.ok(Math.abs(s.maxMs - 3) < 0.05, `max ${s.maxMs}`);
  });
});
