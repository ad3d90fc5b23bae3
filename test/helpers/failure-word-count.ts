/**
 * The failure scenarios of the cluster tests (test/e2e/cluster-failures.test.ts,
 * cluster-failover.test.ts): a cluster on real etcd and processes running the paced word count
 * (test/fixtures/cluster-word-count.ts), and the check that every sentence is acked and the counts,
 * reconciled over replays, are exact. TTL 1 s.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { expectedCounts } from '../fixtures/cluster-word-count.js';
import { freePortRun } from './free-port-run.js';
import { GaleCluster } from './gale-cluster.js';
import { waitFor } from './wait-for.js';
import { ackedSentences, reconciledCounts } from './word-count-traces.js';

export const SENTENCES = 3000;
export const TTL_SECS = 1;

export interface Running {
  readonly cluster: GaleCluster;
  readonly out: string;
}

/** A cluster of `supervisors` x `slots`, `nimbi` nimbus daemons, the word count submitted and flowing. */
export async function runWordCount(
  supervisors: number,
  slots: number,
  nimbi = 1,
  etcdMembers: 1 | 3 = 1,
): Promise<Running> {
  const cluster = new GaleCluster(TTL_SECS, etcdMembers);
  await cluster.start();
  const out = join(cluster.dir, 'out');
  mkdirSync(out);
  for (let i = 1; i <= nimbi; i++) cluster.nimbus(`n${i}`);
  for (let i = 1; i <= supervisors; i++) cluster.supervisor(`s${i}`, slots, await freePortRun(slots));
  await cluster.untilSupervisors(supervisors);
  const submitted = await cluster.submitWordCount('wc', out, { sentences: SENTENCES, workers: 4, paceMs: 3 });
  assert.equal(submitted.code, 0, submitted.stderr);
  await waitFor(() => ackedSentences(out).size >= 300, {
    timeoutMs: 30_000,
    intervalMs: 50,
    message: `the word count is flowing (logs:\n${cluster.logs()})`,
  });
  return { cluster, out };
}

export async function assertComplete(r: Running, t: TestContext, since: number): Promise<void> {
  await waitFor(() => ackedSentences(r.out).size === SENTENCES, {
    timeoutMs: 90_000,
    intervalMs: 200,
    message: `every sentence acked, ${ackedSentences(r.out).size} so far (logs:\n${r.cluster.logs()})`,
  });
  t.diagnostic(`failure -> every sentence acked: ${Date.now() - since} ms`);
  const { counts, raw } = reconciledCounts(r.out);
  assert.deepEqual(counts, expectedCounts(SENTENCES));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  assert.ok(raw >= total, 'raw counts at least the exact ones');
}

export async function heartbeatsOf(r: Running, supervisor: string) {
  return (await r.cluster.store.listHeartbeats('wc')).filter((h) => h.supervisor === supervisor);
}

export function killPid(pid: number, signal: NodeJS.Signals): void {
  process.kill(pid, signal);
}
