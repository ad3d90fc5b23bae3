/**
 * Child process entry: `node --expose-gc dist/bench/run-job.js <job-id> <sentences>`.
 *
 * Generates the corpus and runs the job's `prepare` (untimed), runs one job once (timed: wall clock
 * and process CPU over the same interval), checks the result against the corpus oracle and prints one JSON line (JobResult) on stdout.
 * One fresh process per run keeps JIT state, heap growth and GC debt of one job out of the next.
 */
import { performance } from 'node:perf_hooks';
import { checksum, generateCorpus } from './corpus.js';
import type { JobResult } from './job-result.js';
import { loadJob, resolveJobId } from './jobs/index.js';

async function main(argv: readonly string[]): Promise<void> {
  const [jobArg, sentencesArg] = argv;
  const id = resolveJobId(jobArg ?? '');
  const sentenceCount = Number(sentencesArg);
  if (id === undefined || !Number.isInteger(sentenceCount) || sentenceCount <= 0) {
    throw new Error(`usage: run-job.js <job-id> <sentences>, got ${argv.join(' ')}`);
  }
  const job = await loadJob(id);
  const corpus = generateCorpus(sentenceCount);
  await job.prepare?.(corpus.sentences);
  // Collect the generator's garbage now so the timed run does not pay for it (needs --expose-gc).
  globalThis.gc?.();
  const rssAfterCorpusBytes = process.memoryUsage.rss();

  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const counts = await job.run(corpus.sentences);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  // A multilang job's subprocesses run on the other core: their CPU counts too.
  const cpuMs = (cpu.user + cpu.system) / 1000 + (job.subprocessCpuMs?.() ?? 0);

  const actual = checksum(counts);
  const expected = checksum(corpus.oracle);
  const result: JobResult = {
    job: id,
    name: job.name,
    sentences: sentenceCount,
    words: corpus.words,
    wallMs,
    cpuMs,
    wordsPerSec: corpus.words / (wallMs / 1000),
    sentencesPerSec: sentenceCount / (wallMs / 1000),
    wordsPerCpuSec: corpus.words / (cpuMs / 1000),
    // maxRSS is in kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssAfterCorpusBytes,
    checksum: actual,
    expectedChecksum: expected,
    correct: actual === expected,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv.slice(2)).then(
  // Exit explicitly: a job may leave handles (timers, workers) open after its result is complete.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
