import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GaleError } from '../../api/errors.js';
import { BUNDLE_CHUNK_BYTES, ClusterStore } from './cluster-store.js';
import { MemoryCoordinationStore } from './memory-coordination-store.js';
import type { AssignmentRecord, TopologyRecord, WorkerHeartbeatInput } from './records.js';

const code = (c: string) => (err: unknown) => err instanceof GaleError && err.code === c;

function topology(name: string, over: Partial<TopologyRecord> = {}): TopologyRecord {
  return {
    name,
    id: `${name}-1`,
    bundle: 'a'.repeat(64),
    config: {},
    workers: 2,
    executors: [{ component: 'spout', taskIds: [1] }],
    status: 'active',
    submittedAt: 1,
    rebalance: 0,
    ...over,
  };
}

function heartbeat(): WorkerHeartbeatInput {
  return {
    topology: 'wc',
    topologyId: 'wc-1',
    supervisor: 's1',
    port: 6700,
    pid: 1,
    version: 1,
    time: 2,
    uptimeSecs: 0,
    tasks: [1],
  };
}

function assignment(version: number): AssignmentRecord {
  return {
    topology: 'wc',
    topologyId: 'wc-1',
    version,
    rebalance: 0,
    workers: [{ supervisor: 's1', host: '127.0.0.1', port: 6700, tasks: [1, 2] }],
  };
}

describe('cluster store', () => {
  it('cluster store - bundles round-trip by content hash, in chunks, once', async () => {
    const store = new ClusterStore(new MemoryCoordinationStore());
    const big = Buffer.alloc(BUNDLE_CHUNK_BYTES * 2 + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const hash = await store.putBundle(big);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(await store.putBundle(big), hash);
    assert.deepEqual(await store.getBundle(hash), big);
    assert.equal((await store.coordination.list(`bundles/${hash}/`)).length, 4, '3 chunks + meta');
    assert.equal(await store.getBundle('0'.repeat(64)), null);
    await assert.rejects(
      () => store.putBundle(Buffer.alloc(11), 10),
      (err: unknown) =>
        code('BUNDLE_TOO_LARGE')(err) && err instanceof Error && err.message.includes('11 bytes'),
    );
  });

  it('cluster store - a damaged bundle is STORE_RECORD_INVALID, not wrong code', async () => {
    const store = new ClusterStore(new MemoryCoordinationStore());
    const hash = await store.putBundle(Buffer.from('export default 1;'));
    await store.coordination.put(`bundles/${hash}/0`, Buffer.from('export default 2;'));
    await assert.rejects(() => store.getBundle(hash), code('STORE_RECORD_INVALID'));
    await store.coordination.delete(`bundles/${hash}/0`);
    await assert.rejects(() => store.getBundle(hash), code('STORE_RECORD_INVALID'));
  });

  it('cluster store - a bundle removed while it is read is gone (null), not damaged', async () => {
    const coordination = new MemoryCoordinationStore();
    const store = new ClusterStore(coordination);
    const hash = await store.putBundle(Buffer.from('export default 1;'));
    // The removal lands between the read of the bundle's meta record and of its first chunk.
    const get = coordination.get.bind(coordination);
    let removed = false;
    coordination.get = async (key: string) => {
      const entry = await get(key);
      if (!removed && key.endsWith('/meta')) {
        removed = true;
        await store.removeBundle(hash);
      }
      return entry;
    };
    assert.equal(await store.getBundle(hash), null);
  });

  it('cluster store - topologies: one per name, updated by compare-and-swap without lost updates', async () => {
    const store = new ClusterStore(new MemoryCoordinationStore());
    await store.createTopology(topology('wc'));
    await assert.rejects(() => store.createTopology(topology('wc')), code('TOPOLOGY_EXISTS'));
    await assert.rejects(() => store.createTopology(topology('bad name')));
    await Promise.all(
      Array.from({ length: 20 }, () => store.updateTopology('wc', (t) => ({ ...t, workers: t.workers + 1 }))),
    );
    assert.equal((await store.getTopology('wc'))?.value.workers, 22);
    await assert.rejects(() => store.updateTopology('nope', (t) => t), code('TOPOLOGY_NOT_FOUND'));
    assert.deepEqual(
      (await store.listTopologies()).map((t) => t.name),
      ['wc'],
    );
  });

  it('cluster store - assignments are written only by the leader, at the revision it read', async () => {
    const coordination = new MemoryCoordinationStore();
    const store = new ClusterStore(coordination);
    const a = store.campaignForLeader('nimbus-a', 2);
    await a.elected;
    assert.equal(await store.setAssignment(assignment(1), 0, a), true);
    const read = await store.getAssignment('wc');
    assert.equal(read?.value.version, 1);
    assert.equal(await store.setAssignment(assignment(2), read.revision, a), true);
    assert.equal(await store.setAssignment(assignment(3), read.revision, a), false, 'stale revision');
    const b = store.campaignForLeader('nimbus-b', 2);
    coordination.expireLeadership(a);
    await b.elected;
    const now = await store.getAssignment('wc');
    await assert.rejects(() => store.setAssignment(assignment(9), now!.revision, a), code('NOT_LEADER'));
    assert.equal(await store.setAssignment(assignment(3), now!.revision, b), true);
    assert.equal(await store.leader(), 'nimbus-b');
  });

  it('cluster store - supervisors and heartbeats vanish with their process; invalid records are skipped and reported', async () => {
    const root = new MemoryCoordinationStore();
    const invalid: string[] = [];
    const store = new ClusterStore(root, { onInvalid: (key) => invalid.push(key) });
    const supervisorProcess = root.session();
    const remote = new ClusterStore(supervisorProcess);
    const lease = await supervisorProcess.grantLease(2);
    await remote.putSupervisor({ id: 's1', host: '127.0.0.1', slots: [6700, 6701], startedAt: 1 }, lease);
    await remote.putHeartbeat(heartbeat(), lease);
    await root.put('supervisors/junk', Buffer.from('{"id":'));
    assert.deepEqual(
      (await store.listSupervisors()).map((s) => s.id),
      ['s1'],
    );
    assert.deepEqual(invalid, ['supervisors/junk']);
    assert.equal((await store.listHeartbeats('wc')).length, 1);
    assert.equal((await store.listHeartbeats('other')).length, 0);
    const gone: string[] = [];
    await store.watchSupervisors((e) => {
      if (e.type === 'delete') gone.push(e.key);
    });
    supervisorProcess.crash();
    assert.deepEqual(
      (await store.listSupervisors()).map((s) => s.id),
      [],
    );
    assert.equal((await store.listHeartbeats()).length, 0);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(gone, ['s1']);
  });

  it('cluster store - removing a topology removes its assignment and heartbeats', async () => {
    const root = new MemoryCoordinationStore();
    const store = new ClusterStore(root);
    await store.createTopology(topology('wc'));
    const leader = store.campaignForLeader('n', 2);
    await leader.elected;
    await store.setAssignment(assignment(1), 0, leader);
    const lease = await root.grantLease(5);
    await store.putHeartbeat(heartbeat(), lease);
    await store.removeTopology('wc', leader);
    assert.equal(await store.getTopology('wc'), null);
    assert.equal(await store.getAssignment('wc'), null);
    assert.deepEqual(await store.listHeartbeats('wc'), []);
  });
});
