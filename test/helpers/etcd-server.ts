/**
 * Real etcd for tests: members on free loopback ports with a temporary data dir, tuned to elect
 * fast (so the minimum lease TTL is 1 s), stopped by PID. `scripts/ensure-infra.mjs etcd` (run by
 * `npm test` before any test file) installs etcd when missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

const ETCD = '/usr/bin/etcd';

export interface EtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly pid: number;
  /** Sends `signal` to the member (SIGKILL to play a crash). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  /** `null` while it runs. */
  readonly exitCode: number | null;
}

export interface EtcdCluster {
  readonly endpoints: readonly string[];
  readonly members: readonly EtcdMember[];
  /** The member that is the Raft leader now (asked through etcd's HTTP gateway). */
  leader(): Promise<EtcdMember>;
  /** Stops every member (SIGTERM one after another, SIGKILL after 5 s) and removes the data. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function healthy(clientUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(500) });
    return res.ok && ((await res.json()) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}

function ensureInstalled(): void {
  if (existsSync(ETCD)) return;
  const r = spawnSync(process.execPath, ['scripts/ensure-infra.mjs', 'etcd'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(ETCD))
    throw new Error('etcd is not installed (scripts/ensure-infra.mjs etcd)');
}

/** Starts `size` etcd members (1 or 3) and waits until every one is healthy. */
export async function startEtcd(size: 1 | 3 = 1): Promise<EtcdCluster> {
  ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'gale-etcd-'));
  const ports: { client: number; peer: number }[] = [];
  for (let i = 0; i < size; i++) ports.push({ client: await freePort(), peer: await freePort() });
  const names = ports.map((_, i) => `m${i}`);
  const initialCluster = ports.map((p, i) => `${names[i]}=http://127.0.0.1:${p.peer}`).join(',');
  const env = { ...process.env, ...(arch() === 'arm64' ? { ETCD_UNSUPPORTED_ARCH: 'arm64' } : {}) };
  const processes: ChildProcess[] = [];
  const members: EtcdMember[] = ports.map((p, i) => {
    const clientUrl = `http://127.0.0.1:${p.client}`;
    const peerUrl = `http://127.0.0.1:${p.peer}`;
    const child = spawn(
      ETCD,
      [
        '--name',
        names[i]!,
        '--data-dir',
        join(dir, names[i]!),
        '--listen-client-urls',
        clientUrl,
        '--advertise-client-urls',
        clientUrl,
        '--listen-peer-urls',
        peerUrl,
        '--initial-advertise-peer-urls',
        peerUrl,
        '--initial-cluster',
        initialCluster,
        '--initial-cluster-state',
        'new',
        '--heartbeat-interval',
        size === 1 ? '20' : '50',
        '--election-timeout',
        size === 1 ? '100' : '500',
        '--logger',
        'zap',
        '--log-outputs',
        join(dir, `${names[i]!}.log`),
      ],
      { stdio: 'ignore', env },
    );
    processes.push(child);
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    return {
      name: names[i]!,
      clientUrl,
      pid: child.pid ?? -1,
      kill: (signal: NodeJS.Signals = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
      exited,
      get exitCode() {
        return child.exitCode ?? (child.signalCode === null ? null : -1);
      },
    };
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // One after another: SIGTERM to all members at once stalls one of them (infra.md).
    for (const m of [...members].reverse()) {
      m.kill('SIGTERM');
      const timer = setTimeout(() => m.kill('SIGKILL'), 5000);
      await m.exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await Promise.all(members.map((m) => healthy(m.clientUrl)))).every(Boolean), {
      timeoutMs: 30_000,
      intervalMs: 50,
      message: `etcd members healthy (logs in ${dir})`,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const leader = async (): Promise<EtcdMember> => {
    for (const m of members) {
      if (m.exitCode !== null) continue;
      try {
        const res = await fetch(`${m.clientUrl}/v3/maintenance/status`, {
          method: 'POST',
          body: '{}',
          signal: AbortSignal.timeout(1000),
        });
        const status = (await res.json()) as { header?: { member_id?: string }; leader?: string };
        if (status.leader !== undefined && status.header?.member_id === status.leader) return m;
      } catch {
        // Not answering: not the leader.
      }
    }
    throw new Error('no etcd member says it leads');
  };
  return { endpoints: members.map((m) => m.clientUrl), members, stop, leader };
}
