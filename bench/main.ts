/**
 * Benchmark harness entry (`npm run bench -- [flags]`): runs every selected job once per round, each
 * run in a fresh child process, round 1 of every job before round 2 of any; then, when the acked job
 * ran, the acking measurements (latency under paced load, memory per pending root); then the TCP
 * measurements (Gale's transport against a plain socket harness, and latency across processes); then
 * prints the summary and writes it to docs/benchmarks.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { measureAcking } from './acking-measurements.js';
import { ackingFailed, ackingSection } from './acking-report.js';
import { parseBenchOptions, USAGE } from './bench-options.js';
import { formatRate } from './format.js';
import { REFERENCE_JOB, type JobId } from './jobs/index.js';
import { jobNames, renderReport } from './report-doc.js';
import { summaryTable } from './report-table.js';
import { spawnJob, type RunOutcome } from './spawn-job.js';
import { summarize } from './summary.js';
import { measureTcp, tcpFailed } from './tcp/tcp-measurements.js';
import { measureCluster } from './cluster/cluster-phase.js';
import { clusterSection } from './cluster/cluster-report.js';
import { tcpSection } from './tcp/tcp-report.js';
import { measureMetricsOverhead, metricsSection } from './metrics-overhead.js';
import { measureMultilang, multilangSection } from './multilang/multilang-phase.js';

// dist/bench/main.js -> <repo>/docs/benchmarks.md
const DEFAULT_OUT = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

/** The command line as the user would retype it, for the report. */
function describeCommand(argv: readonly string[]): string {
  const args = argv.join(' ');
  if (process.env['npm_lifecycle_event'] === 'bench')
    return `npm run bench${args === '' ? '' : ` -- ${args}`}`;
  const script = path.relative(process.cwd(), process.argv[1] ?? 'dist/bench/main.js');
  return `node ${script}${args === '' ? '' : ` ${args}`}`;
}

function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return `${formatRate(outcome.result.wordsPerSec)} words/s, ${outcome.result.wallMs.toFixed(0)} ms`;
    case 'wrong':
      return `WRONG (checksum ${outcome.result.checksum}, expected ${outcome.result.expectedChecksum})`;
    case 'failed':
      return `FAILED: ${outcome.error.split('\n')[0]}`;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseBenchOptions(argv, DEFAULT_OUT);
  if (options === undefined) {
    console.log(USAGE);
    return 0;
  }
  const outcomes = new Map<JobId, RunOutcome[]>(options.jobs.map((id) => [id, []]));
  const date = new Date();
  for (let round = 1; round <= options.rounds; round++) {
    for (const [id, runs] of outcomes) {
      const outcome = await spawnJob(id, options.sentences);
      runs.push(outcome);
      console.error(`round ${round}/${options.rounds} ${id.padEnd(16)} ${describeOutcome(outcome)}`);
    }
  }
  const summaries = summarize(outcomes, REFERENCE_JOB);
  const acking = await measureAcking(options, summaries);
  const tcp = await measureTcp(options);
  const metrics =
    options.metricsPairs > 0
      ? await measureMetricsOverhead(options.metricsPairs, options.sentences)
      : undefined;
  const multilang =
    options.multilangRounds > 0
      ? await measureMultilang(options.multilangRounds, options.multilangSentences)
      : undefined;
  const cluster =
    options.clusterRounds > 0
      ? await measureCluster(options.clusterRounds, options.clusterSentences)
      : undefined;
  console.log(`\n${summaryTable(summaries, jobNames(outcomes), REFERENCE_JOB)}\n`);
  if (acking !== undefined) console.log(`${ackingSection(acking)}\n`);
  if (tcp !== undefined) console.log(`${tcpSection(tcp)}\n`);
  if (cluster !== undefined) console.log(`${clusterSection(cluster)}\n`);
  if (metrics !== undefined) console.log(`${metricsSection(metrics)}\n`);
  if (multilang !== undefined) console.log(`${multilangSection(multilang)}\n`);
  if (options.out !== undefined) {
    const command = describeCommand(argv);
    const report = renderReport({
      options,
      command,
      date,
      outcomes,
      summaries,
      referenceJob: REFERENCE_JOB,
      acking,
      tcp,
      cluster,
      metrics,
      multilang,
    });
    await mkdir(path.dirname(options.out), { recursive: true });
    // Formatted with the repository's Prettier config so `npm run lint` (prettier --check .) accepts it.
    const config = (await resolveConfig(options.out)) ?? {};
    await writeFile(options.out, await format(report, { ...config, filepath: options.out }));
    console.log(`wrote ${path.relative(process.cwd(), options.out)}`);
  }
  // Non-zero when any run was wrong or crashed, so a CI step running the bench notices.
  const runsOk = summaries.every((s) => s.wrong === 0 && s.failed === 0);
  const ackingOk = acking === undefined || !ackingFailed(acking);
  const tcpOk = tcp === undefined || !tcpFailed(tcp);
  const clusterOk = cluster === undefined || cluster.problems.length === 0;
  const metricsOk = metrics === undefined || metrics.problems.length === 0;
  const multilangOk = multilang === undefined || multilang.problems.length === 0;
  return runsOk && ackingOk && tcpOk && clusterOk && metricsOk && multilangOk ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
