/**
 * The cluster phase of `npm run bench`: real etcd, nimbus and supervisor processes on loopback
 * (the test harness's `GaleCluster`), TTL 1 s.
 *
 * - Recovery, `rounds` times each, a fresh cluster per run, the paced word count of the cluster
 *   tests flowing: SIGKILL a worker (until its slot heartbeats again and a sentence is acked after
 *   that), a machine (its supervisor and workers: until the assignment leaves it, every assigned
 *   worker heartbeats at the new version, and a sentence is acked after that), the nimbus leader
 *   (until the standby leads).
 * - Throughput, `rounds` times: the same word count topology on 2 supervisors x 2 slots (4 worker
 *   processes) and in local mode (one process), words/s from the first emit to the last ack.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { freePortRun } from '../../test/helpers/free-port-run.js';
import { GaleCluster } from '../../test/helpers/gale-cluster.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { ackedSentences, lastAckTime } from '../../test/helpers/word-count-traces.js';
import { generateCorpus } from '../corpus.js';

const THROUGHPUT_TOPOLOGY = fileURLToPath(new URL('./throughput-topology.js', import.meta.url));
const TTL_SECS = 1;

export type Failure = 'worker' | 'machine' | 'nimbus';

export interface ClusterResults {
  readonly rounds: number;
  /** Milliseconds from SIGKILL to recovered, per failure kind, one per successful round. */
  readonly recovery: Readonly<Record<Failure, readonly number[]>>;
  readonly cluster: readonly number[];
  readonly local: readonly number[];
  readonly sentences: number;
  readonly problems: readonly string[];
}

async function startWordCount(
  supervisorSlots: number,
  nimbi: number,
): Promise<{ cluster: GaleCluster; out: string }> {
  const cluster = new GaleCluster(TTL_SECS);
  await cluster.start();
  const out = join(cluster.dir, 'out');
  mkdirSync(out);
  for (let i = 1; i <= nimbi; i++) cluster.nimbus(`n${i}`);
  for (const id of ['s1', 's2']) cluster.supervisor(id, supervisorSlots, await freePortRun(supervisorSlots));
  await cluster.untilSupervisors(2);
  const r = await cluster.submitWordCount('wc', out, { sentences: 1_000_000, workers: 4, paceMs: 2 });
  if (r.code !== 0) throw new Error(`submit failed: ${r.stderr}`);
  await waitFor(() => ackedSentences(out).size >= 300, { timeoutMs: 30_000, intervalMs: 50 });
  return { cluster, out };
}

async function recoverOnce(kind: Failure): Promise<number> {
  const { cluster, out } = await startWordCount(kind === 'machine' ? 3 : 2, kind === 'nimbus' ? 2 : 1);
  try {
    const store = cluster.store;
    if (kind === 'nimbus') {
      const leader = await store.leader();
      const daemon = cluster.daemons.find((d) => d.name === `nimbus-${leader ?? ''}`);
      if (daemon === undefined) throw new Error('no nimbus leader');
      const at = Date.now();
      process.kill(daemon.pid, 'SIGKILL');
      await waitFor(async () => ![null, leader].includes(await store.leader()), {
        timeoutMs: 20_000,
        intervalMs: 5,
      });
      return Date.now() - at;
    }
    const supervisor = kind === 'worker' ? 's1' : 's2';
    const victims = (await store.listHeartbeats('wc')).filter((h) => h.supervisor === supervisor);
    const victim = victims[0];
    if (victim === undefined) throw new Error(`no worker on ${supervisor}`);
    const at = Date.now();
    if (kind === 'machine') {
      const daemon = cluster.daemons.find((d) => d.name === `supervisor-${supervisor}`)!;
      process.kill(daemon.pid, 'SIGKILL');
      for (const v of victims) process.kill(v.pid, 'SIGKILL');
    } else {
      process.kill(victim.pid, 'SIGKILL');
    }
    let back = 0;
    await waitFor(
      async () => {
        if (back === 0) {
          const heartbeats = await store.listHeartbeats('wc');
          if (kind === 'worker') {
            if (
              heartbeats.some(
                (h) => h.supervisor === supervisor && h.port === victim.port && h.pid !== victim.pid,
              )
            )
              back = Date.now();
          } else {
            const a = await store.getAssignment('wc');
            if (
              a !== null &&
              a.value.workers.every((w) => w.supervisor !== supervisor) &&
              a.value.workers.every((w) =>
                heartbeats.some(
                  (h) => h.supervisor === w.supervisor && h.port === w.port && h.version === a.value.version,
                ),
              )
            )
              back = Date.now();
          }
        }
        return back > 0 && lastAckTime(out) > back;
      },
      { timeoutMs: 60_000, intervalMs: 5 },
    );
    return lastAckTime(out) - at;
  } finally {
    await cluster.stop();
  }
}

function wordsPerSec(out: string, words: number): number {
  const done = readdirSync(out)
    .filter((n) => n.startsWith('done-'))
    .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as { firstEmit: number; lastAck: number });
  const start = Math.min(...done.map((d) => d.firstEmit));
  const end = Math.max(...done.map((d) => d.lastAck));
  return words / ((end - start) / 1000);
}

async function throughputCluster(sentences: number, words: number): Promise<number> {
  const cluster = new GaleCluster(TTL_SECS);
  await cluster.start();
  try {
    const out = join(cluster.dir, 'out');
    mkdirSync(out);
    cluster.nimbus('n1');
    for (const id of ['s1', 's2']) cluster.supervisor(id, 2, await freePortRun(2));
    await waitFor(async () => (await cluster.store.listSupervisors()).length === 2, {
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    const config = join(cluster.dir, 'tp.json');
    writeFileSync(config, JSON.stringify({ user: { outDir: out, sentences } }));
    const r = await cluster.cli([
      'submit',
      THROUGHPUT_TOPOLOGY,
      '--name',
      'tp',
      '--workers',
      '4',
      '--config',
      config,
    ]);
    if (r.code !== 0) throw new Error(`submit failed: ${r.stderr}`);
    await waitFor(() => readdirSync(out).filter((n) => n.startsWith('done-')).length === 2, {
      timeoutMs: 300_000,
      intervalMs: 100,
    });
    return wordsPerSec(out, words);
  } finally {
    await cluster.stop();
  }
}

async function throughputLocal(sentences: number, words: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'gale-bench-local-'));
  const local = new LocalCluster({ logger: silentLogger });
  try {
    await local.submitTopologyFile('tp', THROUGHPUT_TOPOLOGY, {
      workers: 1,
      user: { outDir: out, sentences },
    });
    await waitFor(() => readdirSync(out).filter((n) => n.startsWith('done-')).length === 2, {
      timeoutMs: 300_000,
      intervalMs: 100,
    });
    return wordsPerSec(out, words);
  } finally {
    await local.close();
    rmSync(out, { recursive: true, force: true });
  }
}

export async function measureCluster(rounds: number, sentences: number): Promise<ClusterResults> {
  const recovery: Record<Failure, number[]> = { worker: [], machine: [], nimbus: [] };
  const cluster: number[] = [];
  const local: number[] = [];
  const problems: string[] = [];
  const words = generateCorpus(sentences).words;
  for (let round = 1; round <= rounds; round++) {
    for (const kind of ['worker', 'machine', 'nimbus'] as const) {
      try {
        const ms = await recoverOnce(kind);
        recovery[kind].push(ms);
        console.log(`cluster round ${round}/${rounds} ${kind} loss: recovered in ${ms} ms`);
      } catch (err) {
        problems.push(`${kind} loss, round ${round}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    try {
      const c = await throughputCluster(sentences, words);
      const l = await throughputLocal(sentences, words);
      cluster.push(c);
      local.push(l);
      console.log(
        `cluster round ${round}/${rounds} throughput: cluster ${(c / 1e6).toFixed(2)}M words/s, local ${(l / 1e6).toFixed(2)}M words/s`,
      );
    } catch (err) {
      problems.push(`throughput, round ${round}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { rounds, recovery, cluster, local, sentences, problems };
}
