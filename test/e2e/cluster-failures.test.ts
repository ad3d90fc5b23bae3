/**
 * Cluster mode under worker failure, with real etcd and real processes: a worker killed, a worker
 * hung. Each scenario runs the paced word count and asserts that every sentence is acked and the
 * counts, reconciled over replays, are exact (test/helpers/failure-word-count.ts). Recovery times
 * are reported as test diagnostics. The failover of machines, nimbus and etcd:
 * cluster-failover.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { assertComplete, heartbeatsOf, killPid, runWordCount } from '../helpers/failure-word-count.js';
import { waitFor } from '../helpers/wait-for.js';

describe('cluster mode under failure', { concurrency: false }, () => {
  it('cluster failure - a SIGKILLed worker is restarted by its supervisor and the counts complete', async (t: TestContext) => {
    const r = await runWordCount(2, 2);
    try {
      const [victim] = await heartbeatsOf(r, 's1');
      assert.ok(victim !== undefined);
      const killedAt = Date.now();
      killPid(victim.pid, 'SIGKILL');
      await waitFor(
        async () => (await heartbeatsOf(r, 's1')).some((h) => h.port === victim.port && h.pid !== victim.pid),
        { timeoutMs: 20_000, intervalMs: 20, message: 'worker restarted and heartbeating' },
      );
      t.diagnostic(`worker SIGKILL -> restarted and heartbeating: ${Date.now() - killedAt} ms`);
      await assertComplete(r, t, killedAt);
    } finally {
      await r.cluster.stop();
    }
  });

  it('cluster failure - a hung worker (SIGSTOP) is detected by its missing heartbeat and replaced', async (t: TestContext) => {
    const r = await runWordCount(2, 2);
    try {
      const [victim] = await heartbeatsOf(r, 's2');
      assert.ok(victim !== undefined);
      const stoppedAt = Date.now();
      killPid(victim.pid, 'SIGSTOP');
      await waitFor(
        async () => (await heartbeatsOf(r, 's2')).some((h) => h.port === victim.port && h.pid !== victim.pid),
        { timeoutMs: 30_000, intervalMs: 20, message: 'hung worker replaced' },
      );
      t.diagnostic(`worker SIGSTOP -> replaced and heartbeating: ${Date.now() - stoppedAt} ms`);
      assert.equal(r.cluster.workerPids().includes(victim.pid), false, 'the hung process was killed');
      await assertComplete(r, t, stoppedAt);
    } finally {
      await r.cluster.stop();
    }
  });
});
