import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ClusterStore } from '../../src/cluster/store/cluster-store.js';
import { EtcdCoordinationStore } from '../../src/cluster/store/etcd-coordination-store.js';
import { startEtcd, type EtcdCluster } from '../helpers/etcd-server.js';
import { waitFor } from '../helpers/wait-for.js';

describe('cluster store on etcd', () => {
  let etcd: EtcdCluster;
  const clients: EtcdCoordinationStore[] = [];
  const client = (): EtcdCoordinationStore => {
    const c = new EtcdCoordinationStore({ endpoints: etcd.endpoints, prefix: `/gale-${randomUUID()}/` });
    clients.push(c);
    return c;
  };
  before(async () => {
    etcd = await startEtcd();
  });
  after(async () => {
    for (const c of clients) await c.close();
    await etcd.stop();
  });

  it('etcd cluster store - a bundle larger than one etcd request goes in chunks and comes back whole', async () => {
    const store = new ClusterStore(client());
    const bundle = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let i = 0; i < bundle.length; i++) bundle[i] = (i * 131) & 0xff;
    const hash = await store.putBundle(bundle);
    assert.deepEqual(await store.getBundle(hash), bundle);
  });

  it('etcd cluster store - a dead supervisor disappears within TTL + 1 s', async () => {
    const prefix = `/gale-${randomUUID()}/`;
    const watcher = new EtcdCoordinationStore({ endpoints: etcd.endpoints, prefix });
    const dying = new EtcdCoordinationStore({ endpoints: etcd.endpoints, prefix });
    clients.push(watcher, dying);
    const observer = new ClusterStore(watcher);
    const supervisor = new ClusterStore(dying);
    let goneAt = 0;
    await observer.watchSupervisors((e) => {
      if (e.type === 'delete' && e.key === 's1') goneAt = Date.now();
    });
    const lease = await dying.grantLease(1);
    await supervisor.putSupervisor(
      { id: 's1', host: '127.0.0.1', slots: [6700], startedAt: Date.now() },
      lease,
    );
    assert.equal((await observer.listSupervisors()).length, 1);
    const killedAt = Date.now();
    dying.abandon();
    await waitFor(() => goneAt > 0, { timeoutMs: 5000, intervalMs: 20, message: 'supervisor expired' });
    assert.ok(goneAt - killedAt <= 2000, `expired after ${goneAt - killedAt} ms (TTL 1 s)`);
  });
});
