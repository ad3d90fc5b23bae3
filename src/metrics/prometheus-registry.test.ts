import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheusText } from '../../test/helpers/prometheus-text.js';
import { COUNTERS, BUSY_MS, EMITTED } from './counter-vector.js';
import { createPrometheusRegistry, type MetricsExport } from './prometheus-registry.js';

function counters(emitted: number, busyMs: number): Float64Array {
  const c = new Float64Array(COUNTERS);
  c[EMITTED] = emitted;
  c[BUSY_MS] = busyMs;
  return c;
}

describe('Prometheus registry', () => {
  it('Prometheus registry - task counters, latencies, edges and worker gauges, read at each scrape', async () => {
    let emitted = 10;
    const source = (): MetricsExport => ({
      tasks: [
        {
          topology: 'wc',
          component: 'split "x"',
          task: 3,
          worker: 's1:6700',
          host: 'h1',
          counters: counters(emitted, 1500),
          latency: {
            execute: { count: 5, meanMs: 2, p50Ms: 1, p99Ms: 8, p999Ms: 9, maxMs: 10 },
            process: null,
            complete: null,
          },
          queueDepth: 7,
          outputs: [{ stream: 'default', target: 'count', delivered: 42 }],
        },
      ],
      workers: [
        {
          topology: 'wc',
          worker: 's1:6700',
          host: 'h1',
          process: {
            uptimeSecs: 12,
            rssBytes: 1000,
            heapUsedBytes: 500,
            heapTotalBytes: 800,
            eventLoopDelayMs: { p50: 1, p99: 20, max: 30 },
          },
        },
      ],
    });
    const registry = createPrometheusRegistry(source);
    const task = { topology: 'wc', component: 'split "x"', task: '3', worker: 's1:6700', host: 'h1' };
    let text = parsePrometheusText(await registry.metrics());
    assert.equal(text.types.get('gale_task_emitted_total'), 'counter');
    assert.equal(text.find('gale_task_emitted_total', task)[0]?.value, 10);
    assert.equal(text.find('gale_task_busy_seconds_total', task)[0]?.value, 1.5);
    assert.equal(text.find('gale_task_receive_queue_depth', task)[0]?.value, 7);
    assert.equal(
      text.find('gale_task_latency_seconds', { ...task, kind: 'execute', quantile: '0.99' })[0]?.value,
      0.008,
    );
    assert.equal(text.find('gale_task_latency_seconds', { kind: 'process' }).length, 0);
    assert.equal(
      text.find('gale_task_delivered_total', { ...task, stream: 'default', target: 'count' })[0]?.value,
      42,
    );
    assert.equal(text.find('gale_worker_resident_memory_bytes', { worker: 's1:6700' })[0]?.value, 1000);
    assert.equal(text.find('gale_worker_event_loop_delay_p99_seconds')[0]?.value, 0.02);
    emitted = 25;
    text = parsePrometheusText(await registry.metrics());
    assert.equal(text.find('gale_task_emitted_total', task)[0]?.value, 25, 'read afresh, not added up');
    assert.equal(text.find('gale_task_emitted_total').length, 1);
  });

  it('Prometheus registry - with process metrics it adds Node.js and process families', async () => {
    const registry = createPrometheusRegistry(() => ({ tasks: [], workers: [] }), true);
    const text = parsePrometheusText(await registry.metrics());
    assert.ok(text.find('process_resident_memory_bytes').length === 1);
    assert.ok(text.types.has('nodejs_eventloop_lag_seconds'));
    assert.equal(text.find('gale_scrape_tasks')[0]?.value, 0);
  });
});
