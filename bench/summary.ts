/**
 * Turns the raw outcomes (per job, per round) into one summary row per job. Ratios are taken per
 * round against the same round's reference run (and, for a job with a baseline, against the same
 * round's baseline run), then the median is taken, so a burst of outside load during one round
 * affects both sides of that round's ratio rather than one job.
 */
import type { JobResult } from './job-result.js';
import { BASELINES, type JobId } from './jobs/index.js';
import type { RunOutcome } from './spawn-job.js';
import { spread, type Spread } from './stats.js';

/** outcomes.get(job)[round] is that job's run in that round. */
export type Outcomes = ReadonlyMap<JobId, readonly RunOutcome[]>;

export interface JobSummary {
  readonly job: JobId;
  readonly runs: number;
  readonly correct: number;
  readonly wrong: number;
  readonly failed: number;
  readonly wordsPerSec: Spread | undefined;
  readonly sentencesPerSec: Spread | undefined;
  readonly wordsPerCpuSec: Spread | undefined;
  readonly ratioWall: Spread | undefined;
  readonly ratioCpu: Spread | undefined;
  /** The job this one is also compared with (BASELINES), when that job ran too. */
  readonly baseline: JobId | undefined;
  /** Words/s divided by the baseline's words/s, per round. */
  readonly ratioToBaseline: Spread | undefined;
  /** The same with words per CPU-second. */
  readonly ratioToBaselineCpu: Spread | undefined;
  /** Peak RSS minus RSS after the corpus, bytes. */
  readonly extraRss: Spread | undefined;
  readonly rssAfterCorpus: Spread | undefined;
}

function okResult(outcome: RunOutcome | undefined): JobResult | undefined {
  return outcome?.kind === 'ok' ? outcome.result : undefined;
}

function perRoundRatios(
  runs: readonly RunOutcome[],
  reference: readonly RunOutcome[],
  metric: (result: JobResult) => number,
): number[] {
  const ratios: number[] = [];
  runs.forEach((outcome, round) => {
    const mine = okResult(outcome);
    const ref = okResult(reference[round]);
    if (mine !== undefined && ref !== undefined) ratios.push(metric(mine) / metric(ref));
  });
  return ratios;
}

export function summarize(outcomes: Outcomes, referenceJob: JobId): JobSummary[] {
  const reference = outcomes.get(referenceJob) ?? [];
  return [...outcomes].map(([job, runs]) => {
    const wanted = BASELINES[job];
    const baseline = wanted !== undefined && outcomes.has(wanted) ? wanted : undefined;
    const baselineRuns = baseline === undefined ? undefined : outcomes.get(baseline);
    const ok = runs.flatMap((outcome) => (outcome.kind === 'ok' ? [outcome.result] : []));
    return {
      job,
      runs: runs.length,
      correct: ok.length,
      wrong: runs.filter((outcome) => outcome.kind === 'wrong').length,
      failed: runs.filter((outcome) => outcome.kind === 'failed').length,
      wordsPerSec: spread(ok.map((r) => r.wordsPerSec)),
      sentencesPerSec: spread(ok.map((r) => r.sentencesPerSec)),
      wordsPerCpuSec: spread(ok.map((r) => r.wordsPerCpuSec)),
      ratioWall: spread(perRoundRatios(runs, reference, (r) => r.wordsPerSec)),
      ratioCpu: spread(perRoundRatios(runs, reference, (r) => r.wordsPerCpuSec)),
      baseline,
      ratioToBaseline:
        baselineRuns === undefined
          ? undefined
          : spread(perRoundRatios(runs, baselineRuns, (r) => r.wordsPerSec)),
      ratioToBaselineCpu:
        baselineRuns === undefined
          ? undefined
          : spread(perRoundRatios(runs, baselineRuns, (r) => r.wordsPerCpuSec)),
      extraRss: spread(ok.map((r) => r.maxRssBytes - r.rssAfterCorpusBytes)),
      rssAfterCorpus: spread(ok.map((r) => r.rssAfterCorpusBytes)),
    };
  });
}
