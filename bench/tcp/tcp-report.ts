/**
 * The TCP part of the report, printed and written after the acking section: Gale's TCP transport
 * against a plain socket harness (throughput, per batch size), and the latency of a tuple crossing
 * from one process to another under a paced load; each checked against its target.
 */
import { availableParallelism } from 'node:os';
import type { LatencySummary } from '../../src/runtime/index.js';
import { formatMs, formatPercent, formatRate, formatRatio, formatSpread } from '../format.js';
import { spread, type Spread } from '../stats.js';
import type { TcpImpl } from './endpoints.js';
import {
  TCP_LATENCY_LOAD,
  TCP_LATENCY_MAX_BATCH,
  TCP_LATENCY_MAX_ROUNDS,
  TCP_LATENCY_WARMUP_SECS,
  type TcpLatencyRun,
  type TcpThroughputRun,
} from './tcp-phase.js';
import type { TcpResults } from './tcp-measurements.js';
import { loadSpread, type TcpBatchSummary, type TcpImplSummary } from './tcp-summary.js';

/** Gale tuples/s over the plain harness's, at every batch size. */
export const MIN_TCP_RATIO = 0.75;
/** Gale's send-to-handler p99 at 50% load. */
export const MAX_TCP_P99_MS = 5;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

function cpuCell(s: TcpImplSummary): string {
  const median = (x: Spread | undefined): string => (x === undefined ? '-' : formatPercent(x.median));
  return `${median(s.senderCpuShare)} / ${median(s.receiverCpuShare)}`;
}

function runsCell(s: TcpImplSummary): string {
  const notes = [`${s.correct}/${s.runs}`];
  if (s.wrong > 0) notes.push(`${s.wrong} WRONG`);
  if (s.failed > 0) notes.push(`${s.failed} FAILED`);
  return notes.join(', ');
}

function bytesCell(s: TcpBatchSummary): string {
  const b = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(2));
  return `${b(s.plain.bytesPerTuple)} / ${b(s.gale.bytesPerTuple)}`;
}

function throughputTable(summaries: readonly TcpBatchSummary[]): string[] {
  const lines = [
    row([
      'tuples per batch',
      'plain harness, tuples/s',
      'Gale `TcpTransport`, tuples/s',
      'Gale / harness, per round',
      'Gale / harness, per CPU-s',
      'bytes per tuple, harness / Gale',
      'CPU sender / receiver, harness',
      'CPU sender / receiver, Gale',
      'runs ok, harness / Gale',
    ]),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const s of summaries) {
    lines.push(
      row([
        String(s.batch),
        formatSpread(s.plain.tuplesPerSec, formatRate),
        formatSpread(s.gale.tuplesPerSec, formatRate),
        `**${formatSpread(s.ratio, formatRatio)}**`,
        formatSpread(s.ratioCpu, formatRatio),
        bytesCell(s),
        cpuCell(s.plain),
        cpuCell(s.gale),
        `${runsCell(s.plain)} / ${runsCell(s.gale)}`,
      ]),
    );
  }
  return lines;
}

function ratioVerdicts(summaries: readonly TcpBatchSummary[]): string {
  const parts = summaries.map((s) =>
    s.ratio === undefined
      ? `batch ${s.batch}: not measured`
      : `batch ${s.batch}: ${verdict(s.ratio.median >= MIN_TCP_RATIO)} (${formatRatio(s.ratio.median)})`,
  );
  return `Target Gale / harness >= ${formatRatio(MIN_TCP_RATIO)}: ${parts.join('; ')}.`;
}

function loadLine(runs: readonly TcpThroughputRun[]): string {
  const load = loadSpread(runs);
  const cores = String(availableParallelism());
  return load === undefined
    ? 'Load average: not recorded.'
    : `1-minute load average at the start of the runs (${cores} cores; the busy sender and receiver alone keep it near 2): ${formatSpread(load, (n) => n.toFixed(2))}.`;
}

function roundsTable(runs: readonly TcpThroughputRun[], rounds: number): string[] {
  const header = ['run', ...Array.from({ length: rounds }, (_, i) => `round ${i + 1}`)];
  const lines = [row(header), row(header.map((_, i) => (i === 0 ? '---' : '---:')))];
  const keys = [...new Set(runs.map((r) => `${r.impl} ${r.batch}`))];
  for (const key of keys) {
    const cells = runs
      .filter((r) => `${r.impl} ${r.batch}` === key)
      .map((r) => {
        if (r.outcome.kind === 'failed') return 'FAILED';
        return r.outcome.value.correct ? formatRate(r.outcome.value.tuplesPerSec) : 'WRONG';
      });
    const [impl, batch] = key.split(' ');
    lines.push(row([`${impl === 'gale' ? 'Gale' : 'harness'}, batch ${batch}`, ...cells]));
  }
  return lines;
}

function four(l: LatencySummary): string {
  // A percentile is its bucket's upper edge (2 significant digits), so it may overshoot the exact max.
  const p = (ms: number): string => formatMs(Math.min(ms, l.maxMs));
  return `${p(l.p50Ms)} / ${p(l.p99Ms)} / ${p(l.p999Ms)} / ${formatMs(l.maxMs)}`;
}

function latencyTable(runs: readonly TcpLatencyRun[]): string[] {
  const lines = [
    row([
      'round',
      'sender',
      'paced at, tuples/s',
      'achieved, tuples/s',
      'tuples',
      'batches per tick',
      'mean tick',
      'CPU sender / receiver',
      'load avg, start / end',
      'send to handler p50 / p99 / p99.9 / max',
      'due to handler p50 / p99 / p99.9 / max',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const run of runs) {
    const head = [
      String(run.round),
      run.impl === 'gale' ? 'Gale `TcpTransport`' : 'plain harness',
      formatRate(run.targetPerSec),
    ];
    if (run.outcome.kind === 'failed') {
      lines.push(row([...head, `FAILED: ${run.outcome.error.split('\n')[0]}`, '', '', '', '', '', '', '']));
      continue;
    }
    const r = run.outcome.value;
    lines.push(
      row([
        ...head,
        formatRate(r.achievedPerSec),
        `${r.tuples}${r.correct ? '' : ' WRONG'}`,
        r.ticks === 0 ? '-' : (r.batches / r.ticks).toFixed(1),
        r.ticks <= 1 ? '-' : formatMs((r.measuredSecs * 1000) / (r.ticks - 1)),
        `${formatPercent(r.senderCpuShare)} / ${formatPercent(r.receiverCpuShare)}`,
        `${r.loadAvg1m[0].toFixed(2)} / ${r.loadAvg1m[1].toFixed(2)}`,
        four(r.fromSend),
        four(r.fromDue),
      ]),
    );
  }
  return lines;
}

/** Send-to-handler p99 of an implementation's correct runs: median (min-max). */
function p99Spread(runs: readonly TcpLatencyRun[], impl: TcpImpl): Spread | undefined {
  return spread(
    runs.flatMap((run) =>
      run.impl === impl && run.outcome.kind === 'ok' && run.outcome.value.correct
        ? [run.outcome.value.fromSend.p99Ms]
        : [],
    ),
  );
}

function latencyVerdict(runs: readonly TcpLatencyRun[]): string {
  const gale = p99Spread(runs, 'gale');
  const plain = p99Spread(runs, 'plain');
  const head = `Target: Gale's send-to-handler p99 <= ${MAX_TCP_P99_MS} ms at ${formatPercent(TCP_LATENCY_LOAD)} load (median over its runs)`;
  if (gale === undefined) return `${head}: not measured.`;
  return (
    `${head}: ${verdict(gale.median <= MAX_TCP_P99_MS)}, ${formatSpread(gale, formatMs)}` +
    ` (plain harness: ${formatSpread(plain, formatMs)}).`
  );
}

function clockCheck(runs: readonly TcpLatencyRun[]): string {
  const parts = runs.flatMap((run) =>
    run.outcome.kind === 'ok'
      ? [`${run.impl} (round ${run.round}) ${run.outcome.value.fromSendMinMs.toFixed(3)} ms`]
      : [],
  );
  return (
    `Shortest send to handler: ${parts.join(', ')} (a check of the two processes' clocks: a value below` +
    ' zero would mean they disagree; the histograms clamp at 1 µs).'
  );
}

function latencyLines(results: TcpResults): string[] {
  if (results.latency.length === 0) return [`Not measured: ${results.latencySkipped ?? 'skipped'}.`];
  const max = results.maxGale;
  const rounds = Math.max(...results.latency.map((run) => run.round));
  return [
    `The sender paced at ${formatPercent(TCP_LATENCY_LOAD)} of Gale's best median throughput above` +
      (max === undefined ? '' : ` (${formatRate(max.perSec)} tuples/s, batch ${max.batch})`) +
      `, Gale and the plain harness at the same rate, ${rounds} round(s) (at most ${TCP_LATENCY_MAX_ROUNDS}; Gale first in odd rounds),` +
      ` each run in fresh processes, ${TCP_LATENCY_WARMUP_SECS} s of` +
      ' warm-up (same schedule, left out) before the measured seconds. Tuple i is due at start + i / rate; a' +
      ' 1 ms timer tick sends every tuple that fell due since the last tick, in batches of at most' +
      ` ${TCP_LATENCY_MAX_BATCH} (the runtime's \`transferBatchSize\`) plus one partial batch, as the runtime` +
      ' sends full batches at once and flushes the rest at the end of a scheduler slice. The receiver stamps each' +
      ' batch as its handler runs; both sides read CLOCK_MONOTONIC (`process.hrtime`), one clock for every process of the machine. "Send to' +
      ' handler": per tuple, from the moment its batch was handed to `send` (Gale: `link.send`, encoding' +
      ' included) to the receiving handler (decoded); this is the crossing. "Due to handler" adds the wait' +
      ' for the next tick (the pacer, not the transport).',
    '',
    ...latencyTable(results.latency),
    '',
    clockCheck(results.latency),
    '',
    latencyVerdict(results.latency),
  ];
}

/** The TCP section as Markdown (also printed as is on the console). */
export function tcpSection(results: TcpResults): string {
  return [
    '## TCP transport',
    '',
    'Two processes on 127.0.0.1: a sender, which forks a fresh receiver for every run (`bench/tcp/`).' +
      ' Tuples are `[word, 1]`, words in the order of the bench corpus, built before the clock starts. The' +
      ' plain harness is `g-tcp-msgpackr` of `shared/reference/peer-baselines.md`: one msgpackr array of' +
      ' tuples per frame (uint32 length + payload), one `write()` per frame, waiting for `drain` when it' +
      ' returns false. Gale sends each batch as one `DataBatch` through `TcpTransport` (its framing, corked' +
      ' writes per tick, credit window), stopping while the link is not `writable` and resuming on' +
      ' `onWritable`. Both receivers decode every batch and check the count, the sum of word lengths and' +
      ' the sum of values against the sender. Time = first send until the receiver has counted every tuple' +
      ` and its ack is back (sender's clock). ${results.tuples.toLocaleString('en-US')} tuples per run, rounded up` +
      ` to whole batches; ${results.rounds} rounds, every run of a round before the next round (the harness` +
      ' first in odd rounds, Gale in even ones); ratios are taken per round, then the median. CPU = process CPU' +
      " (user + system) over its timed interval divided by it (receiver: its first batch to its last), median; 'per" +
      " CPU-s' compares tuples per CPU-second of both processes together, less sensitive to other load on the" +
      ' machine than wall time.',
    '',
    '### Throughput, Gale vs a plain harness',
    '',
    ...throughputTable(results.summaries),
    '',
    ratioVerdicts(results.summaries),
    '',
    loadLine(results.runs),
    '',
    ...roundsTable(results.runs, results.rounds),
    '',
    '### Latency of a tuple crossing workers',
    '',
    ...latencyLines(results),
  ].join('\n');
}
