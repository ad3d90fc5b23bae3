/**
 * The acking part of the report, printed and written after the summary: the cost of acking (the acked
 * job's throughput against the same topology unacked), complete latency under a paced load, and the
 * memory a pending tuple tree holds; each checked against the targets of the acking issue.
 */
import { formatMs, formatPercent, formatRate, formatRatio, formatSpread } from './format.js';
import type { LatencyRun } from './latency-phase.js';
import type { LatencyResult } from './latency-result.js';
import type { PendingMemoryResult } from './pending-memory-result.js';
import type { ChildOutcome } from './spawn-child.js';
import type { JobSummary } from './summary.js';

/** Acked words/s must be at least this fraction of unacked words/s. */
export const MIN_ACKED_RATIO = 0.5;
/** Complete latency p99 at 50% load must be at most this. */
export const MAX_P99_AT_HALF_LOAD_MS = 20;

export interface AckingResults {
  /** The acked job's summary row (its baseline ratio is the acked/unacked ratio). */
  readonly acked: JobSummary;
  /** One entry per load level; empty when the phase was skipped. */
  readonly latency: readonly LatencyRun[];
  /** Why the latency phase did not run, when it did not. */
  readonly latencySkipped: string | undefined;
  readonly memory: ChildOutcome<PendingMemoryResult>;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

function costLines(acked: JobSummary): string[] {
  if (acked.baseline === undefined || acked.ratioToBaseline === undefined) {
    return [`- Acked/unacked throughput: not measured (needs ${acked.job} and its baseline in one run).`];
  }
  const ratio = acked.ratioToBaseline;
  return [
    `- Acked/unacked throughput (${acked.job} words/s / ${acked.baseline} words/s, per round): ` +
      `**${formatSpread(ratio, formatRatio)}** wall, ${formatSpread(acked.ratioToBaselineCpu, formatRatio)} CPU. ` +
      `Target >= ${formatRatio(MIN_ACKED_RATIO)}: ${verdict(ratio.median >= MIN_ACKED_RATIO)}.`,
  ];
}

function latencyTable(runs: readonly LatencyRun[]): string[] {
  const lines = [
    row([
      'load',
      'paced at, sentences/s',
      'achieved, sentences/s',
      'trees',
      'process CPU',
      'complete p50',
      'complete p99',
      'complete p99.9',
      'complete max',
      'emit to ack p50 / p99 / p99.9',
      'due to ack p50 / p99 / p99.9',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const run of runs) {
    const head = [formatPercent(run.load), formatRate(run.targetPerSec)];
    if (run.outcome.kind === 'failed') {
      lines.push(row([...head, `FAILED: ${run.outcome.error.split('\n')[0]}`, '', '', '', '', '', '', '']));
      continue;
    }
    const r = run.outcome.value;
    const c = r.complete;
    const three = (l: LatencyResult['fromEmit']): string =>
      `${formatMs(l.p50Ms)} / ${formatMs(l.p99Ms)} / ${formatMs(l.p999Ms)}`;
    lines.push(
      row([
        ...head,
        formatRate(r.achievedPerSec),
        String(r.sentences),
        formatPercent(r.cpuShare),
        formatMs(c.p50Ms),
        formatMs(c.p99Ms),
        formatMs(c.p999Ms),
        formatMs(c.maxMs),
        three(r.fromEmit),
        three(r.fromDue),
      ]),
    );
  }
  return lines;
}

function latencyVerdict(runs: readonly LatencyRun[]): string {
  const half = runs.find((run) => run.load === 0.5);
  if (half?.outcome.kind !== 'ok')
    return `Target p99 <= ${MAX_P99_AT_HALF_LOAD_MS} ms at 50% load: not measured.`;
  const p99 = half.outcome.value.complete.p99Ms;
  return `Target p99 <= ${MAX_P99_AT_HALF_LOAD_MS} ms at 50% load: ${verdict(p99 <= MAX_P99_AT_HALF_LOAD_MS)} (${formatMs(p99)}).`;
}

function latencyLines(results: AckingResults): string[] {
  if (results.latency.length === 0) return [`Not measured: ${results.latencySkipped ?? 'skipped'}.`];
  const max = results.acked.sentencesPerSec;
  return [
    `The acked topology with its spout paced at a fraction of ${results.acked.job}'s median throughput` +
      (max === undefined ? '' : ` (${formatRate(max.median)} sentences/s)`) +
      ', one fresh process per level: a warm-up topology, then a fresh one measured. "Complete" is the spout' +
      " task's `completeLatency` (runtime: from the scheduling step of the emit to the step that handles" +
      ' the verdict). The last two columns are timed by the spout itself, on one tree in 8: from its emit call to its `ack`' +
      ' call, and from the time the sentence was due (its place in the schedule) to its `ack` call, which' +
      ' adds any wait for the spout to be polled (idle backoff, backpressure, max spout pending).',
    '',
    ...latencyTable(results.latency),
    '',
    latencyVerdict(results.latency),
  ];
}

function memoryLines(memory: ChildOutcome<PendingMemoryResult>): string[] {
  if (memory.kind === 'failed') return [`FAILED: ${memory.error.split('\n')[0]}`];
  const m = memory.value;
  const bytes = (n: number): string => `${n.toFixed(0)} B`;
  return [
    `${m.roots.toLocaleString('en-US')} pending roots on each side, built as the runtime builds them (\`bench/pending-memory.ts\`);` +
      ' growth of `heapUsed + arrayBuffers` (typed arrays live outside the JS heap) after full GCs,' +
      ' divided by the roots.',
    '',
    row(['side', 'structure', 'bytes per pending root']),
    row(['---', '---', '---:']),
    row(['spout task', '`PendingRoots` (message id, emit time, root id)', bytes(m.spoutBytesPerRoot)]),
    row(['acker', '`AckLedger` (spout task, 64-bit XOR, root id)', bytes(m.ackerBytesPerRoot)]),
    row(['both', 'one root tracked end to end', bytes(m.spoutBytesPerRoot + m.ackerBytesPerRoot)]),
  ];
}

/** The acking section as Markdown (also printed as is on the console). */
export function ackingSection(results: AckingResults): string {
  return [
    '## Acking',
    '',
    ...costLines(results.acked),
    '',
    '### Complete latency under paced load',
    '',
    ...latencyLines(results),
    '',
    '### Memory per pending tuple tree',
    '',
    ...memoryLines(results.memory),
  ].join('\n');
}

/** Whether any acking measurement failed (the bench then exits 1). */
export function ackingFailed(results: AckingResults): boolean {
  return results.memory.kind === 'failed' || results.latency.some((run) => run.outcome.kind === 'failed');
}
