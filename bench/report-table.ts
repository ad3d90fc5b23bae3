/** Markdown tables of a benchmark run: the summary per job, and the raw words/s per round. */
import { formatMb, formatRate, formatRatio, formatSpread } from './format.js';
import type { JobSummary, Outcomes } from './summary.js';

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function runsCell(summary: JobSummary): string {
  const notes = [`${summary.correct}/${summary.runs}`];
  if (summary.wrong > 0) notes.push(`${summary.wrong} WRONG`);
  if (summary.failed > 0) notes.push(`${summary.failed} FAILED`);
  return notes.join(', ');
}

function extraRssCell(summary: JobSummary): string {
  if (summary.extraRss === undefined || summary.rssAfterCorpus === undefined) return '-';
  return `+${formatMb(summary.extraRss.median)} [${formatMb(summary.rssAfterCorpus.median)}]`;
}

function baselineCell(summary: JobSummary): string {
  if (summary.baseline === undefined || summary.ratioToBaseline === undefined) return '-';
  return `${formatSpread(summary.ratioToBaseline, formatRatio)} of ${summary.baseline}`;
}

export function summaryTable(
  summaries: readonly JobSummary[],
  names: ReadonlyMap<string, string>,
  referenceJob: string,
): string {
  const lines = [
    row([
      'job',
      'what',
      'words/s, median (min-max)',
      'sentences/s',
      `ratio to ${referenceJob}, wall`,
      `ratio to ${referenceJob}, CPU`,
      'ratio to baseline, wall',
      'words per CPU-s',
      'extra RSS [after corpus]',
      'runs ok',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const s of summaries) {
    lines.push(
      row([
        s.job,
        names.get(s.job) ?? '',
        formatSpread(s.wordsPerSec, formatRate),
        s.sentencesPerSec === undefined ? '-' : formatRate(s.sentencesPerSec.median),
        formatSpread(s.ratioWall, formatRatio),
        formatSpread(s.ratioCpu, formatRatio),
        baselineCell(s),
        s.wordsPerCpuSec === undefined ? '-' : formatRate(s.wordsPerCpuSec.median),
        extraRssCell(s),
        runsCell(s),
      ]),
    );
  }
  return lines.join('\n');
}

export function roundsTable(outcomes: Outcomes, rounds: number): string {
  const header = ['job', ...Array.from({ length: rounds }, (_, i) => `round ${i + 1}`)];
  const lines = [row(header), row(header.map((_, i) => (i === 0 ? '---' : '---:')))];
  for (const [job, runs] of outcomes) {
    const cells = runs.map((outcome) => {
      switch (outcome.kind) {
        case 'ok':
          return formatRate(outcome.result.wordsPerSec);
        case 'wrong':
          return 'WRONG';
        case 'failed':
          return 'FAILED';
      }
    });
    lines.push(row([job, ...cells]));
  }
  return lines.join('\n');
}
