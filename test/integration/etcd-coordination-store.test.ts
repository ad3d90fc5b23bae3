import { randomUUID } from 'node:crypto';
import { EtcdCoordinationStore } from '../../src/cluster/store/etcd-coordination-store.js';
import { coordinationStoreContract } from '../contracts/coordination-store.contract.js';
import { startEtcd } from '../helpers/etcd-server.js';

coordinationStoreContract('etcd', async () => {
  const etcd = await startEtcd();
  const prefix = `/gale-test-${randomUUID()}/`;
  const clients: EtcdCoordinationStore[] = [];
  return {
    client: () => {
      const c = new EtcdCoordinationStore({ endpoints: etcd.endpoints, prefix });
      clients.push(c);
      return Promise.resolve(c);
    },
    crash: (client) => {
      if (!(client instanceof EtcdCoordinationStore)) throw new Error('not an etcd client');
      client.abandon();
      return Promise.resolve();
    },
    // TTL 1 s, etcd checks expiry every 500 ms; slack for a loaded machine.
    expiryMs: 5000,
    close: async () => {
      for (const c of clients) await c.close();
      await etcd.stop();
    },
  };
});
