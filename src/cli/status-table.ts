/**
 * `gale status`'s table: a topology's detail (the REST API's view) as aligned text, the same
 * numbers the UI shows. Rates and capacity are over the last 10 s; latencies are the mean over
 * the last 10 s and the p99 since start.
 */
import type { ComponentStatsView, TopologyDetailView } from '../metrics/views.js';
import { formatRate } from './format-rate.js';

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return '-';
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3);
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function bytes(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)}G` : `${Math.round(n / (1 << 20))}M`;
}

function uptime(secs: number): string {
  const s = Math.floor(secs);
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function align(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function componentRow(c: ComponentStatsView): string[] {
  const w = c.windows['10s'];
  const latency = c.kind === 'spout' ? w.completeLatencyMs : w.executeLatencyMs;
  const p99 = c.kind === 'spout' ? c.latency.complete?.p99Ms : c.latency.execute?.p99Ms;
  return [
    c.id,
    c.kind,
    String(c.tasks),
    `${formatRate(w.rates.emitted)}/s`,
    `${formatRate(w.rates.executed)}/s`,
    `${formatRate(w.rates.acked)}/s`,
    `${formatRate(w.rates.failed)}/s`,
    pct(w.capacity),
    pct(w.backpressure),
    `${ms(latency)}/${ms(p99)}`,
    String(c.queueDepth),
    String(c.windows.all.errors),
  ];
}

/** The lines of the table for `t`. */
export function statusLines(t: TopologyDetailView): string[] {
  const lines = [
    `${t.name} (${t.id})  ${t.status}  up ${uptime(t.uptimeSecs)}  ${t.workers} worker(s), ${t.executors} executors, ${t.tasks} tasks`,
    `acked ${formatRate(t.ackedRate)}/s  failed ${formatRate(t.failedRate)}/s  complete latency ${ms(t.completeLatencyMs)} ms (10 min mean)`,
    '',
    ...align([
      [
        'component',
        'kind',
        'tasks',
        'emitted',
        'executed',
        'acked',
        'failed',
        'capacity',
        'backpr.',
        'lat ms mean/p99',
        'queue',
        'errors',
      ],
      ...[...t.spouts, ...t.bolts].map(componentRow),
    ]),
  ];
  if (t.workerList.length > 0) {
    lines.push(
      '',
      ...align([
        ['worker', 'host', 'pid', 'uptime', 'rss', 'heap', 'loop p99', 'tasks'],
        ...t.workerList.map((w) => [
          w.worker,
          w.host,
          String(w.pid),
          uptime(w.process.uptimeSecs),
          bytes(w.process.rssBytes),
          bytes(w.process.heapUsedBytes),
          `${ms(w.process.eventLoopDelayMs.p99)}ms`,
          String(w.tasks.length),
        ]),
      ]),
    );
  }
  const last = t.errors.at(-1);
  if (last !== undefined)
    lines.push(
      '',
      `last error (${t.errors.length} kept): ${last.component} task ${last.taskId} on ${last.worker}: ${last.message.split('\n')[0] ?? ''}`,
    );
  return lines;
}
