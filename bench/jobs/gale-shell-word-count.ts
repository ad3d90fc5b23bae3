/**
 * (msp, msn, msr) Gale with a shell split bolt: the acked topology of `ga-gale-acked`, but split is a
 * `ShellBolt` running a Python, Node or Ruby subprocess (one task, so one subprocess) that speaks
 * Storm's multilang protocol. Timed from submit until the spout has heard `ack` for every sentence;
 * the CPU of the subprocess counts too.
 */
import { ShellBolt } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { ACKED_CONFIG } from '../acked-config.js';
import {
  RESOURCES,
  SHELL_ENV,
  SPLIT_COMMANDS,
  type ShellLanguage,
} from '../multilang/multilang-resources.js';
import { shellSubprocessCpuMs } from '../multilang/subprocess-cpu.js';
import { AckedArraySpout, type AckOutcome } from '../word-count-components.js';
import { wordCountTopology } from '../word-count-topology.js';
import type { BenchJob } from './bench-job.js';

function shellJob(id: string, language: ShellLanguage): BenchJob {
  let subprocessMs = 0;
  const command = SPLIT_COMMANDS[language];
  return {
    id,
    name: `Gale LocalCluster, acked topology of ga with split as ShellBolt(${command.join(' ')}) (${language}, 1 subprocess)`,
    async run(sentences) {
      const counts = new Map<string, number>();
      let outcome!: AckOutcome;
      const allAcked = new Promise<void>((resolve, reject) => (outcome = { resolve, reject }));
      const topology = wordCountTopology(
        () => new AckedArraySpout(sentences, outcome),
        ACKED_CONFIG,
        counts,
        () => new ShellBolt(command, { cwd: RESOURCES, env: SHELL_ENV, outputFields: ['word'] }),
      );
      const cluster = new LocalCluster({ logger: silentLogger });
      await cluster.submitTopology('bench', topology);
      try {
        await allAcked;
        subprocessMs = shellSubprocessCpuMs();
      } finally {
        await cluster.killTopology('bench');
        await cluster.close();
      }
      return counts;
    },
    subprocessCpuMs: () => subprocessMs,
  };
}

export const pythonJob = shellJob('msp-shell-python', 'python');
export const nodeJob = shellJob('msn-shell-node', 'node');
export const rubyJob = shellJob('msr-shell-ruby', 'ruby');
