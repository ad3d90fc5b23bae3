/**
 * Nimbus at scale, simulated on a real etcd: 200 fake supervisors of 4 slots each (records under
 * leases, no processes), a topology of 2000 executors. Scheduling must finish in under 2 s; after
 * 20 supervisors die (their leases expire), their executors must be reassigned within TTL + 2 s.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Nimbus } from '../../src/cluster/nimbus/nimbus.js';
import { RoundRobinScheduler } from '../../src/cluster/nimbus/round-robin-scheduler.js';
import { ClusterStore } from '../../src/cluster/store/cluster-store.js';
import { EtcdCoordinationStore } from '../../src/cluster/store/etcd-coordination-store.js';
import { silentLogger } from '../../src/runtime/index.js';
import { startEtcd, type EtcdCluster } from '../helpers/etcd-server.js';
import { waitFor } from '../helpers/wait-for.js';

const TTL_SECS = 1;

describe('nimbus at scale', () => {
  let etcd: EtcdCluster;
  const clients: EtcdCoordinationStore[] = [];
  before(async () => {
    etcd = await startEtcd();
  });
  after(async () => {
    for (const c of clients) await c.close();
    await etcd.stop();
  });

  it('nimbus scale - 2000 executors on 200 supervisors x 4 slots in < 2 s; 20 machines lost, reassigned in < TTL + 2 s', async (t: TestContext) => {
    const prefix = `/gale-${randomUUID()}/`;
    const client = (): EtcdCoordinationStore => {
      const c = new EtcdCoordinationStore({ endpoints: etcd.endpoints, prefix });
      clients.push(c);
      return c;
    };
    const survivors = new ClusterStore(client());
    const doomedClient = client();
    const doomed = new ClusterStore(doomedClient);
    const register = async (store: ClusterStore, from: number, to: number): Promise<void> => {
      const lease = await store.coordination.grantLease(TTL_SECS);
      await Promise.all(
        Array.from({ length: to - from }, (_, k) =>
          store.putSupervisor(
            {
              id: `sup${String(from + k).padStart(3, '0')}`,
              host: `10.0.${Math.floor((from + k) / 250)}.${(from + k) % 250}`,
              slots: [6700, 6701, 6702, 6703],
              startedAt: Date.now(),
            },
            lease,
          ),
        ),
      );
    };
    await register(survivors, 0, 180);
    await register(doomed, 180, 200);

    const nimbusStore = new ClusterStore(client());
    const nimbus = new Nimbus({
      store: nimbusStore,
      id: 'n1',
      ttlSecs: TTL_SECS,
      scheduler: new RoundRobinScheduler(),
      logger: silentLogger,
    });
    try {
      await nimbus.start();
      const executors = Array.from({ length: 2000 }, (_, i) => ({
        component: `c${i % 10}`,
        taskIds: [i + 1],
      }));
      const submittedAt = Date.now();
      await survivors.createTopology({
        name: 'big',
        id: 'big-1',
        bundle: 'b'.repeat(64),
        config: {},
        workers: 400,
        executors,
        status: 'active',
        submittedAt,
        rebalance: 0,
      });
      await waitFor(async () => (await survivors.getAssignment('big')) !== null, {
        timeoutMs: 10_000,
        intervalMs: 10,
        message: 'assigned',
      });
      const scheduledMs = Date.now() - submittedAt;
      t.diagnostic(`2000 executors on 200 x 4 slots: assigned ${scheduledMs} ms after submission`);
      assert.ok(scheduledMs < 2000, `scheduling took ${scheduledMs} ms`);
      const first = (await survivors.getAssignment('big'))!.value;
      assert.equal(first.workers.length, 400);
      assert.equal(first.workers.flatMap((w) => w.tasks).length, 2000);
      assert.ok(
        first.workers.some((w) => Number(w.supervisor.slice(3)) >= 180),
        'some workers on the doomed machines',
      );

      const killedAt = Date.now();
      doomedClient.abandon();
      await waitFor(
        async () => {
          const a = await survivors.getAssignment('big');
          return a !== null && a.value.workers.every((w) => Number(w.supervisor.slice(3)) < 180);
        },
        { timeoutMs: 15_000, intervalMs: 10, message: 'executors of the lost machines reassigned' },
      );
      const reassignedMs = Date.now() - killedAt;
      t.diagnostic(`20 machines lost: reassigned ${reassignedMs} ms after their supervisors stopped`);
      assert.ok(reassignedMs < (TTL_SECS + 2) * 1000, `reassignment took ${reassignedMs} ms`);
      const after = (await survivors.getAssignment('big'))!.value;
      assert.equal(after.workers.length, 400);
      assert.deepEqual(
        after.workers.flatMap((w) => w.tasks).sort((a, b) => a - b),
        executors.map((e) => e.taskIds[0]),
      );
    } finally {
      await nimbus.close();
    }
  });
});
