import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShellMetrics } from './shell-metrics.js';

describe('ShellMetrics', () => {
  it('ShellMetrics - declared counters add numbers or 1; anything else is named', () => {
    const m = new ShellMetrics(['my-metric']);
    assert.equal(m.update('my-metric', null), null);
    assert.equal(m.update('my-metric', 5), null);
    assert.equal(m.update('my-metric', undefined), null);
    assert.equal(m.values().get('my-metric'), 7);
    assert.match(m.update('other', 1)!, /"other", which its ShellBolt\/ShellSpout options do not declare/);
    assert.match(m.update('', 1)!, /without a metric name/);
    assert.match(m.update('my-metric', 'x')!, /takes a number or null/);
    assert.equal(m.values().get('my-metric'), 7);
  });
});
