import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coordinationStoreContract } from '../../../test/contracts/coordination-store.contract.js';
import { MemoryCoordinationStore } from './memory-coordination-store.js';

coordinationStoreContract('memory', () => {
  const root = new MemoryCoordinationStore();
  const clients: MemoryCoordinationStore[] = [];
  return Promise.resolve({
    client: () => {
      const c = root.session();
      clients.push(c);
      return Promise.resolve(c);
    },
    crash: (client) => {
      if (!(client instanceof MemoryCoordinationStore)) throw new Error('not a memory client');
      client.crash();
      return Promise.resolve();
    },
    expiryMs: 1000,
    close: async () => {
      for (const c of clients) await c.close();
      await root.close();
    },
  });
});

describe('memory coordination store', () => {
  it('memory store - a leader whose lease expires is told, and the next candidate leads', async () => {
    const store = new MemoryCoordinationStore();
    const a = store.campaign('e', 'a', 1);
    const b = store.campaign('e', 'b', 1);
    await a.elected;
    let lost = 0;
    a.onLost(() => lost++);
    store.expireLeadership(a);
    await b.elected;
    assert.equal(lost, 1);
    assert.equal(a.isLeader(), false);
    assert.equal(await store.leader('e'), 'b');
    await store.close();
  });
});
