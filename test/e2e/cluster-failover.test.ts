/**
 * Cluster mode under failover, with real etcd and real processes: a machine lost (its supervisor
 * and workers killed), the nimbus leader killed, the etcd leader of 3 members killed. Each scenario
 * runs the paced word count and asserts that every sentence is acked and the counts, reconciled
 * over replays, are exact (test/helpers/failure-word-count.ts). Recovery times are reported as test
 * diagnostics. Worker failures: cluster-failures.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  assertComplete,
  heartbeatsOf,
  killPid,
  runWordCount,
  TTL_SECS,
} from '../helpers/failure-word-count.js';
import { waitFor } from '../helpers/wait-for.js';
import { ackedSentences } from '../helpers/word-count-traces.js';

describe('cluster mode under failover', { concurrency: false }, () => {
  it('cluster failure - a lost machine: its executors move to the other supervisor within TTL + 1 s, the workers there keep running', async (t: TestContext) => {
    const r = await runWordCount(2, 4);
    try {
      const lost = r.cluster.daemons.find((d) => d.name === 'supervisor-s2');
      assert.ok(lost !== undefined);
      const workers = await heartbeatsOf(r, 's2');
      assert.equal(workers.length, 2);
      const survivors = await heartbeatsOf(r, 's1');
      assert.equal(survivors.length, 2);
      const killedAt = Date.now();
      killPid(lost.pid, 'SIGKILL');
      for (const w of workers) killPid(w.pid, 'SIGKILL');
      await waitFor(
        async () => {
          const a = await r.cluster.store.getAssignment('wc');
          return a !== null && a.value.workers.every((w) => w.supervisor === 's1');
        },
        { timeoutMs: 20_000, intervalMs: 10, message: 'executors reassigned to s1' },
      );
      const reassignedMs = Date.now() - killedAt;
      t.diagnostic(`machine lost -> reassigned: ${reassignedMs} ms`);
      assert.ok(reassignedMs <= (TTL_SECS + 1) * 1000, `reassigned after ${reassignedMs} ms`);
      const a = await r.cluster.store.getAssignment('wc');
      assert.equal(a?.value.workers.length, 4, 'two new workers on the free slots of s1');
      await assertComplete(r, t, killedAt);
      // The two workers of s1 kept their tasks, so they were rerouted in place, not restarted.
      const now = await heartbeatsOf(r, 's1');
      for (const w of survivors)
        assert.ok(
          now.some((h) => h.port === w.port && h.pid === w.pid),
          `worker ${w.port} kept running`,
        );
    } finally {
      await r.cluster.stop();
    }
  });

  it('cluster failure - the nimbus leader dies: the standby leads within TTL + 1 s, processing never stops, kill still works', async (t: TestContext) => {
    const r = await runWordCount(2, 2, 2);
    try {
      const leaderId = await r.cluster.store.leader();
      assert.ok(leaderId === 'n1' || leaderId === 'n2');
      const leader = r.cluster.daemons.find((d) => d.name === `nimbus-${leaderId}`);
      assert.ok(leader !== undefined);
      const ackedBefore = ackedSentences(r.out).size;
      const killedAt = Date.now();
      killPid(leader.pid, 'SIGKILL');
      await waitFor(async () => (await r.cluster.store.leader()) === (leaderId === 'n1' ? 'n2' : 'n1'), {
        timeoutMs: 20_000,
        intervalMs: 10,
        message: 'standby elected',
      });
      const failoverMs = Date.now() - killedAt;
      t.diagnostic(`nimbus leader SIGKILL -> standby leads: ${failoverMs} ms`);
      assert.ok(failoverMs <= (TTL_SECS + 1) * 1000, `failover after ${failoverMs} ms`);
      assert.ok(ackedSentences(r.out).size > ackedBefore, 'sentences were acked while no nimbus led');
      await assertComplete(r, t, killedAt);
      // The new leader acts on commands: a rebalance, then a kill.
      const rebalanced = await r.cluster.cli(['rebalance', 'wc', '--workers', '3']);
      assert.equal(rebalanced.code, 0, rebalanced.stderr);
      await waitFor(async () => (await r.cluster.store.getAssignment('wc'))?.value.workers.length === 3, {
        timeoutMs: 10_000,
        intervalMs: 50,
        message: 'rebalanced by the new leader',
      });
      const killed = await r.cluster.cli(['kill', 'wc', '--wait', '1s']);
      assert.equal(killed.code, 0, killed.stderr);
      await waitFor(async () => (await r.cluster.store.getTopology('wc')) === null, {
        timeoutMs: 30_000,
        intervalMs: 100,
        message: 'the new leader removed the killed topology',
      });
    } finally {
      await r.cluster.stop();
    }
  });

  it('cluster failure - the etcd leader of a 3-member etcd cluster dies: the cluster carries on', async (t: TestContext) => {
    const r = await runWordCount(2, 2, 1, 3);
    try {
      const leader = await r.cluster.etcd.leader();
      const killedAt = Date.now();
      leader.kill('SIGKILL');
      // While the survivors elect, none leads: that is not yet an answer.
      const newLeader = (): Promise<string | null> =>
        r.cluster.etcd.leader().then(
          (m) => m.name,
          () => null,
        );
      await waitFor(async () => ![null, leader.name].includes(await newLeader()), {
        timeoutMs: 20_000,
        intervalMs: 50,
        message: 'a new etcd leader',
      });
      t.diagnostic(`etcd leader SIGKILL -> new etcd leader: ${Date.now() - killedAt} ms`);
      await assertComplete(r, t, killedAt);
      // The cluster still takes commands, and its members stayed.
      const listed = await r.cluster.cli(['list']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.equal((await r.cluster.store.listSupervisors()).length, 2);
      assert.equal(
        (await r.cluster.store.getAssignment('wc'))?.value.version,
        1,
        'no reassignment was needed',
      );
    } finally {
      await r.cluster.stop();
    }
  });
});
