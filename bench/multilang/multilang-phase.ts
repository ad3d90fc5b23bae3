/**
 * The cost of a shell component: the word count with its split bolt in a subprocess (Python, Node,
 * and Ruby when installed) speaking Storm's multilang protocol. Per language and round, back to back
 * in fresh processes: Gale's ShellBolt in the acked topology (`ms*`) and the hand-written host driving
 * the same subprocess (`mp*`), alternating which runs first; their per-pair ratio is what Gale costs
 * on top of the protocol itself (target: at least 0.75, as for the TCP transport). The native
 * TypeScript split (`ga-gale-acked`) runs once per round on the same sentences, to show what the
 * subprocess costs.
 */
import { spawnSync } from 'node:child_process';
import { formatRate, formatRatio, formatSpread } from '../format.js';
import type { JobId } from '../jobs/index.js';
import { spawnJob, type RunOutcome } from '../spawn-job.js';
import { spread, type Spread } from '../stats.js';
import { SPLIT_COMMANDS, type ShellLanguage } from './multilang-resources.js';

export const MULTILANG_TARGET = 0.75;

const PAIRS: Readonly<Record<ShellLanguage, { readonly pipe: JobId; readonly shell: JobId }>> = {
  python: { pipe: 'mpp-pipe-python', shell: 'msp-shell-python' },
  node: { pipe: 'mpn-pipe-node', shell: 'msn-shell-node' },
  ruby: { pipe: 'mpr-pipe-ruby', shell: 'msr-shell-ruby' },
};

export interface LanguageResult {
  readonly language: ShellLanguage;
  readonly command: string;
  readonly pipeWordsPerSec: Spread | undefined;
  readonly shellWordsPerSec: Spread | undefined;
  /** Gale over the hand-written host, words/s, per pair. */
  readonly ratioWall: Spread | undefined;
  /** The same per CPU second (the subprocess's CPU included on both sides). */
  readonly ratioCpu: Spread | undefined;
  /** Gale with this shell split over Gale with the TypeScript split, per round. */
  readonly ofNative: Spread | undefined;
}

export interface MultilangResult {
  readonly rounds: number;
  readonly sentences: number;
  readonly nativeWordsPerSec: Spread | undefined;
  readonly languages: readonly LanguageResult[];
  /** Languages left out, with why. */
  readonly skipped: readonly string[];
  readonly problems: readonly string[];
}

function installed(language: ShellLanguage): boolean {
  return spawnSync(SPLIT_COMMANDS[language][0], ['--version']).status === 0;
}

function problem(o: RunOutcome, what: string): string | undefined {
  if (o.kind === 'failed') return `${what}: ${o.error.split('\n')[0]}`;
  if (o.kind === 'wrong') return `${what}: wrong counts`;
  return undefined;
}

export async function measureMultilang(rounds: number, sentences: number): Promise<MultilangResult> {
  const languages = (Object.keys(PAIRS) as ShellLanguage[]).filter(installed);
  const skipped = (Object.keys(PAIRS) as ShellLanguage[])
    .filter((l) => !languages.includes(l))
    .map((l) => `${l}: \`${SPLIT_COMMANDS[l][0]}\` is not installed`);
  const problems: string[] = [];
  const native: number[] = [];
  const samples = new Map(
    languages.map((l) => [
      l,
      {
        pipe: [] as number[],
        shell: [] as number[],
        wall: [] as number[],
        cpu: [] as number[],
        ofNative: [] as number[],
      },
    ]),
  );
  for (let round = 1; round <= rounds; round++) {
    const ga = await spawnJob('ga-gale-acked', sentences);
    const gaProblem = problem(ga, `round ${round} ga-gale-acked`);
    if (gaProblem !== undefined) problems.push(gaProblem);
    const nativeRate = ga.kind === 'ok' ? ga.result.wordsPerSec : undefined;
    if (nativeRate !== undefined) native.push(nativeRate);
    for (const language of languages) {
      const { pipe: pipeId, shell: shellId } = PAIRS[language];
      const s = samples.get(language)!;
      // Every other round runs Gale first, so that an order effect cancels too.
      let pipe: RunOutcome;
      let shell: RunOutcome;
      if (round % 2 === 1) {
        pipe = await spawnJob(pipeId, sentences);
        shell = await spawnJob(shellId, sentences);
      } else {
        shell = await spawnJob(shellId, sentences);
        pipe = await spawnJob(pipeId, sentences);
      }
      for (const [o, id] of [
        [pipe, pipeId],
        [shell, shellId],
      ] as const) {
        const p = problem(o, `round ${round} ${id}`);
        if (p !== undefined) problems.push(p);
      }
      if (pipe.kind !== 'ok' || shell.kind !== 'ok') continue;
      s.pipe.push(pipe.result.wordsPerSec);
      s.shell.push(shell.result.wordsPerSec);
      s.wall.push(shell.result.wordsPerSec / pipe.result.wordsPerSec);
      s.cpu.push(shell.result.wordsPerCpuSec / pipe.result.wordsPerCpuSec);
      if (nativeRate !== undefined) s.ofNative.push(shell.result.wordsPerSec / nativeRate);
      console.error(
        `multilang round ${round}/${rounds} ${language}: hand-written host ${formatRate(pipe.result.wordsPerSec)} words/s, Gale ${formatRate(shell.result.wordsPerSec)} words/s, ${formatRatio(s.wall.at(-1)!)}`,
      );
    }
  }
  return {
    rounds,
    sentences,
    nativeWordsPerSec: spread(native),
    languages: languages.map((language) => {
      const s = samples.get(language)!;
      return {
        language,
        command: SPLIT_COMMANDS[language].join(' '),
        pipeWordsPerSec: spread(s.pipe),
        shellWordsPerSec: spread(s.shell),
        ratioWall: spread(s.wall),
        ratioCpu: spread(s.cpu),
        ofNative: spread(s.ofNative),
      };
    }),
    skipped,
    problems,
  };
}

/** The Markdown section of the report. */
export function multilangSection(m: MultilangResult): string {
  const rows = m.languages.map((l) => {
    const met = l.ratioWall !== undefined && l.ratioWall.median >= MULTILANG_TARGET;
    return `| ${l.language} (\`${l.command}\`) | ${formatSpread(l.pipeWordsPerSec, formatRate)} | ${formatSpread(l.shellWordsPerSec, formatRate)} | ${formatSpread(l.ratioWall, formatRatio)} | ${formatSpread(l.ratioCpu, formatRatio)} | ${formatSpread(l.ofNative, formatRatio)} | >= ${MULTILANG_TARGET} (${met ? 'met' : 'missed'}) |`;
  });
  return [
    '## Multilang (shell components)',
    '',
    `${m.rounds} rounds on ${m.sentences} sentences. The word count with its split bolt in a subprocess speaking Storm's multilang protocol (our test clients in test/multilang/resources): Gale's \`ShellBolt\` in the acked topology of ga, and a hand-written host driving the same subprocess with nothing else (\`bench/multilang/pipe-host.ts\`), back to back, the order alternating. Words/s median (min-max); ratios per pair, then their median. CPU includes the subprocess's. The native TypeScript split (ga) on the same sentences: ${formatSpread(m.nativeWordsPerSec, formatRate)} words/s.`,
    '',
    '| split subprocess | hand-written host | Gale ShellBolt | Gale / host, wall | Gale / host, CPU | Gale shell / Gale native | target |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    ...(m.skipped.length === 0 ? [] : ['', `Skipped: ${m.skipped.join('; ')}.`]),
    ...(m.problems.length === 0 ? [] : ['', ...m.problems.map((p) => `- ${p}`)]),
  ].join('\n');
}
