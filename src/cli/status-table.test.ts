import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TopologyMetrics } from '../metrics/topology-metrics.js';
import { statusLines } from './status-table.js';

const T0 = 1_700_000_000_000;

describe('statusLines', () => {
  it('statusLines - a header, a row per component with 10 s rates, a row per worker, the last error', () => {
    const m = new TopologyMetrics({
      id: 'wc-1',
      name: 'wc',
      graph: {
        components: [
          { id: 'spout', kind: 'spout', parallelism: 1, tasks: 1, inputs: [], streams: ['default'] },
          {
            id: 'split',
            kind: 'bolt',
            parallelism: 1,
            tasks: 1,
            inputs: [{ component: 'spout', stream: 'default', grouping: 'shuffle' }],
            streams: [],
          },
        ],
      },
      config: {},
      startedAt: T0,
    });
    for (let s = 0; s <= 10; s++) {
      const base = { transferred: 0, errors: 0, busyMs: 0, backpressureMs: 0, queueDepth: 3, outputs: [] };
      const none = { executeLatency: null, processLatency: null, completeLatency: null };
      m.ingest(T0 + s * 1000, [
        {
          worker: 's1:6700',
          host: 'h1',
          port: 6700,
          pid: 42,
          time: T0 + s * 1000,
          process: {
            uptimeSecs: s,
            rssBytes: 200 << 20,
            heapUsedBytes: 50 << 20,
            heapTotalBytes: 80 << 20,
            eventLoopDelayMs: { p50: 1, p99: 2.5, max: 4 },
          },
          tasks: [
            {
              ...base,
              ...none,
              taskId: 1,
              component: 'spout',
              emitted: s * 2000,
              executed: 0,
              acked: s * 1000,
              failed: 0,
            },
            {
              ...base,
              ...none,
              taskId: 2,
              component: 'split',
              emitted: 0,
              executed: s * 2000,
              acked: s * 2000,
              failed: 0,
              busyMs: s * 500,
            },
          ],
          errors:
            s === 10 ? [{ component: 'split', taskId: 2, time: T0, message: 'bad input\nat line 2' }] : [],
        },
      ]);
    }
    const lines = statusLines(m.detail({ status: 'active', workers: 1, executors: 2 }));
    assert.equal(lines[0], 'wc (wc-1)  active  up 10s  1 worker(s), 2 executors, 2 tasks');
    assert.match(lines[1]!, /^acked 1\.0k\/s/);
    const header = lines.findIndex((l) => l.startsWith('component'));
    assert.match(lines[header + 1]!, /^spout\s+spout\s+1\s+2\.0k\/s\s+0\/s\s+1\.0k\/s\s+0\/s/);
    assert.match(lines[header + 2]!, /^split\s+bolt\s+1\s+0\/s\s+2\.0k\/s\s+2\.0k\/s\s+0\/s\s+50%/);
    assert.ok(
      lines.some((l) => /^s1:6700\s+h1\s+42\s+10s\s+200M\s+50M\s+2\.5ms\s+2$/.test(l)),
      lines.join('\n'),
    );
    assert.equal(lines.at(-1), 'last error (1 kept): split task 2 on s1:6700: bad input');
  });
});
