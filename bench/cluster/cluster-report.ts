/** The cluster section of docs/benchmarks.md. */
import { formatRate, formatRatio } from '../format.js';
import { spread } from '../stats.js';
import type { ClusterResults, Failure } from './cluster-phase.js';

const NAMES: Record<Failure, string> = {
  worker: 'worker process SIGKILLed: restarted by its supervisor, a sentence acked after',
  machine:
    'machine lost (supervisor and its workers SIGKILLed): executors reassigned, every worker heartbeating, a sentence acked after',
  nimbus: 'nimbus leader SIGKILLed: the standby leads (workers never stopped)',
};

function ms(values: readonly number[]): string {
  const s = spread([...values]);
  return s === undefined ? 'n/a' : `${Math.round(s.median)} ms (${Math.round(s.min)}-${Math.round(s.max)})`;
}

export function clusterSection(r: ClusterResults): string {
  const ratios = r.cluster.map((c, i) => c / (r.local[i] ?? Number.NaN)).filter((x) => Number.isFinite(x));
  const ratio = spread(ratios);
  const cluster = spread([...r.cluster]);
  const local = spread([...r.local]);
  return [
    '## Cluster mode',
    '',
    `Real etcd (one member), nimbus and supervisor processes on loopback, lease TTL 1 s (\`bench/cluster/\`). Recovery: a fresh cluster per run, the paced word count of the cluster tests flowing on 4 workers; time from the SIGKILL. ${r.rounds} round(s).`,
    '',
    '| failure | recovered after, median (min-max) | runs |',
    '| --- | ---: | ---: |',
    ...(['worker', 'machine', 'nimbus'] as const).map(
      (k) => `| ${NAMES[k]} | ${ms(r.recovery[k])} | ${r.recovery[k].length}/${r.rounds} |`,
    ),
    '',
    `Throughput: the word count (spout x2, split x2, count x4 by fields, acking on, ${r.sentences} sentences of the bench corpus), words/s from the first emit to the last ack.`,
    '',
    '| where | words/s, median (min-max) |',
    '| --- | ---: |',
    `| cluster: 2 supervisors x 2 slots, 4 worker processes over TCP | ${cluster === undefined ? 'n/a' : `${formatRate(cluster.median)} (${formatRate(cluster.min)}-${formatRate(cluster.max)})`} |`,
    `| local mode: one process, one worker | ${local === undefined ? 'n/a' : `${formatRate(local.median)} (${formatRate(local.min)}-${formatRate(local.max)})`} |`,
    '',
    `Cluster / local, per round: **${ratio === undefined ? 'n/a' : `${formatRatio(ratio.median)} (${formatRatio(ratio.min)}-${formatRatio(ratio.max)})`}**.`,
    ...(r.problems.length === 0 ? [] : ['', 'Problems:', ...r.problems.map((p) => `- ${p}`)]),
  ].join('\n');
}
