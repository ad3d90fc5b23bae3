/**
 * (mpp, mpn, mpr) The multilang baseline: the same split subprocess as `msp`/`msn`/`msr`, driven by a
 * hand-written host (`multilang/pipe-host.ts`) with nothing of Gale around it. Timed from the spawn
 * until every sentence is acked; the CPU of the subprocess counts too.
 */
import { pipeWordCount } from '../multilang/pipe-host.js';
import { SPLIT_COMMANDS, type ShellLanguage } from '../multilang/multilang-resources.js';
import type { BenchJob } from './bench-job.js';

function pipeJob(id: string, language: ShellLanguage): BenchJob {
  let subprocessMs = 0;
  const command = SPLIT_COMMANDS[language];
  return {
    id,
    name: `hand-written multilang host: ${command.join(' ')} (${language}) over a pipe, 100 tuples unanswered at most, no Gale`,
    async run(sentences) {
      const run = await pipeWordCount(command, sentences);
      subprocessMs = run.subprocessCpuMs;
      return run.counts;
    },
    subprocessCpuMs: () => subprocessMs,
  };
}

export const pythonJob = pipeJob('mpp-pipe-python', 'python');
export const nodeJob = pipeJob('mpn-pipe-node', 'node');
export const rubyJob = pipeJob('mpr-pipe-ruby', 'ruby');
