import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { silentLogger } from '../../runtime/index.js';
import { ClusterStore } from '../store/cluster-store.js';
import { MemoryCoordinationStore } from '../store/memory-coordination-store.js';
import { Supervisor } from './supervisor.js';

async function assigned(store: ClusterStore, port: number): Promise<void> {
  const leader = store.campaignForLeader('test', 5);
  await leader.elected;
  await store.setAssignment(
    {
      topology: 't',
      topologyId: 't-1',
      version: 1,
      rebalance: 0,
      workers: [{ supervisor: 's1', host: '127.0.0.1', port, tasks: [1] }],
    },
    0,
    leader,
  );
}

describe('supervisor', () => {
  it('supervisor - a worker that keeps crashing is restarted at once, then with a growing backoff', async () => {
    const store = new ClusterStore(new MemoryCoordinationStore());
    await assigned(store, 7000);
    const launches: number[] = [];
    const supervisor = new Supervisor({
      store,
      id: 's1',
      host: '127.0.0.1',
      slots: [7000],
      ttlSecs: 2,
      periodMs: 20,
      logger: silentLogger,
      // A worker that dies at once.
      spawnWorker: () => {
        launches.push(Date.now());
        return spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
      },
    });
    try {
      await supervisor.start();
      await new Promise((r) => setTimeout(r, 4500));
    } finally {
      await supervisor.close();
    }
    // At once, at once again, then after about 1 s and 2 s: not a tight loop.
    assert.ok(launches.length >= 3 && launches.length <= 5, `${launches.length} launches`);
    const gaps = launches.slice(1).map((t, i) => t - launches[i]!);
    assert.ok(gaps[0]! < 900, `first restart at once (${gaps.join(', ')} ms)`);
    for (let i = 2; i < gaps.length; i++)
      assert.ok(gaps[i]! > gaps[i - 1]!, `growing backoff: ${gaps.join(', ')} ms`);
    assert.ok(gaps.at(-1)! >= 900, `backs off: ${gaps.join(', ')} ms`);
  });

  it('supervisor - a worker no longer assigned is stopped; close stops the rest', async () => {
    const store = new ClusterStore(new MemoryCoordinationStore());
    await assigned(store, 7001);
    const children: ReturnType<typeof spawn>[] = [];
    const supervisor = new Supervisor({
      store,
      id: 's1',
      host: '127.0.0.1',
      slots: [7001],
      ttlSecs: 2,
      periodMs: 20,
      stopTimeoutMs: 2000,
      logger: silentLogger,
      // A worker that lives until told to stop.
      spawnWorker: () => {
        const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        children.push(child);
        return child;
      },
    });
    try {
      await supervisor.start();
      assert.equal(children.length, 1);
      assert.equal(supervisor.workers().size, 1);
      await store.coordination.delete('assignments/t');
      const exited = new Promise((r) => children[0]!.once('exit', r));
      await exited;
      assert.equal(children[0]!.signalCode, 'SIGTERM');
    } finally {
      await supervisor.close();
    }
    assert.equal(children.length, 1, 'not started again');
  });
});
