/**
 * The cost of metrics: back-to-back pairs of fresh processes, the word count with metrics off
 * (`g0`) then with metrics on while a UI server samples it and /metrics is scraped every second
 * (`gm`). Pairs, not rounds across all jobs: the two runs of a pair are seconds apart, so the
 * machine's drift cancels in their ratio; every other pair runs them in the other order. Target: metrics cost at most 5% (a ratio of at least 0.95).
 */
import { formatRate, formatRatio, formatSpread } from './format.js';
import { spawnJob, type RunOutcome } from './spawn-job.js';
import { spread, type Spread } from './stats.js';

export interface MetricsOverhead {
  readonly pairs: number;
  /** Words per second with metrics on over off, per pair. */
  readonly ratioWall: Spread | undefined;
  /** Words per CPU second, on over off. */
  readonly ratioCpu: Spread | undefined;
  readonly offWordsPerSec: Spread | undefined;
  readonly onWordsPerSec: Spread | undefined;
  readonly problems: readonly string[];
}

export const METRICS_TARGET = 0.95;

export async function measureMetricsOverhead(pairs: number, sentences: number): Promise<MetricsOverhead> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const off: number[] = [];
  const on: number[] = [];
  const problems: string[] = [];
  for (let i = 1; i <= pairs; i++) {
    // ABBA: every other pair runs the metrics job first, so that an order effect cancels too.
    let a: RunOutcome;
    let b: RunOutcome;
    if (i % 2 === 1) {
      a = await spawnJob('g0-gale-no-metrics', sentences);
      b = await spawnJob('gm-gale-metrics-ui', sentences);
    } else {
      b = await spawnJob('gm-gale-metrics-ui', sentences);
      a = await spawnJob('g0-gale-no-metrics', sentences);
    }
    if (a.kind !== 'ok' || b.kind !== 'ok') {
      for (const o of [a, b])
        if (o.kind === 'failed') problems.push(`pair ${i}: ${o.error.split('\n')[0]}`);
        else if (o.kind === 'wrong') problems.push(`pair ${i}: wrong counts`);
      continue;
    }
    wall.push(b.result.wordsPerSec / a.result.wordsPerSec);
    cpu.push(b.result.wordsPerCpuSec / a.result.wordsPerCpuSec);
    off.push(a.result.wordsPerSec);
    on.push(b.result.wordsPerSec);
    console.error(
      `metrics pair ${i}/${pairs}: off ${formatRate(a.result.wordsPerSec)} words/s, on ${formatRate(b.result.wordsPerSec)} words/s, ${formatRatio(wall.at(-1)!)}`,
    );
  }
  return {
    pairs,
    ratioWall: spread(wall),
    ratioCpu: spread(cpu),
    offWordsPerSec: spread(off),
    onWordsPerSec: spread(on),
    problems,
  };
}

/** The Markdown section of the report. */
export function metricsSection(m: MetricsOverhead): string {
  const met = m.ratioWall !== undefined && m.ratioWall.median >= METRICS_TARGET;
  return [
    '## Metrics overhead',
    '',
    `${m.pairs} back-to-back pairs of fresh processes: the word count with \`metrics: false\` (g0), then with metrics on while a UI server samples the topology and /metrics is scraped every second (gm). Median (min-max) of the per-pair ratios.`,
    '',
    '| | metrics off (g0) | metrics on + UI + scrape (gm) | on / off, wall | on / off, CPU | target |',
    '|---|---:|---:|---:|---:|---|',
    `| words/s | ${formatSpread(m.offWordsPerSec, formatRate)} | ${formatSpread(m.onWordsPerSec, formatRate)} | ${formatSpread(m.ratioWall, formatRatio)} | ${formatSpread(m.ratioCpu, formatRatio)} | >= ${METRICS_TARGET} (${met ? 'met' : 'missed'}) |`,
    ...(m.problems.length === 0 ? [] : ['', ...m.problems.map((p) => `- ${p}`)]),
  ].join('\n');
}
