/**
 * An idle spout (one that emits nothing) is polled after growing pauses, so a topology with nothing
 * to do costs almost no CPU. Measured over a real second: the point is wall-clock behaviour.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { FnBolt, FnSpout } from '../helpers/fixtures.js';

describe('spout idle - no busy polling', () => {
  it('spout idle - a spout that emits nothing keeps CPU low over a second', async () => {
    let calls = 0;
    const builder = new TopologyBuilder();
    builder.setSpout('idle', () => new FnSpout({ nextTuple: () => void calls++ }), 2);
    builder.setBolt('b', () => new FnBolt({ execute() {} }), 2).shuffleGrouping('idle');
    await using cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopology('idle', builder.createTopology({ spoutIdleBackoffMaxMs: 20 }));

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, 1000));
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;

    assert.ok(calls > 20, `the idle spouts are still polled (${calls} calls)`);
    // Two spout tasks, each polled about every 20 ms once backed off: ~100 calls. Polling on
    // every timer turn (no backoff) makes well over a thousand.
    assert.ok(calls < 400, `but at a bounded rate (${calls} calls in ${wallMs.toFixed(0)} ms)`);
    // A busy-polling loop would use about 100% of a core; allow a generous 30%.
    assert.ok(cpuMs < 0.3 * wallMs, `CPU ${cpuMs.toFixed(0)} ms over ${wallMs.toFixed(0)} ms`);
  });
});
