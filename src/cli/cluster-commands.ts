/**
 * The commands that talk to a cluster through its store: `submit`, `list`, `kill`, `activate`,
 * `deactivate`. Each opens the store, does one thing and closes it; an unreachable etcd fails the
 * command at once with one line naming the endpoints.
 */
import { resolve } from 'node:path';
import { TaskPlan, runtimeTopology, withConfig, workerCount } from '../runtime/index.js';
import type { ClusterStore } from '../cluster/store/cluster-store.js';
import { topologyNameSchema, type TopologyRecord, type TopologyStatus } from '../cluster/store/records.js';
import { bundleTopology } from './bundle-topology.js';
import { clusterSettings, type ClusterFlags } from './cluster-settings.js';
import { connectStore } from './connect-store.js';
import { loadTopology } from './load-topology.js';
import { parseDuration } from './parse-duration.js';
import { readConfigFile } from './read-config-file.js';
import { UsageError } from './usage-error.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const stdio: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function withStore<T>(
  flags: ClusterFlags,
  io: Output,
  fn: (store: ClusterStore) => Promise<T>,
): Promise<T> {
  const store = await connectStore(clusterSettings(flags), { retry: false, notice: (line) => io.err(line) });
  try {
    return await fn(store);
  } finally {
    await store.coordination.close();
  }
}

function checkName(name: string): string {
  const parsed = topologyNameSchema.safeParse(name);
  if (!parsed.success)
    throw new UsageError(`--name ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export interface SubmitOptions extends ClusterFlags {
  readonly name: string;
  readonly workers?: string;
  readonly config?: string;
}

/** Bundles the module, stores the bundle and registers the topology; nimbus then assigns it. */
export async function submitCommand(
  file: string,
  options: SubmitOptions,
  io: Output = stdio,
): Promise<number> {
  const name = checkName(options.name);
  const settings = clusterSettings(options);
  const overrides: Record<string, unknown> =
    options.config === undefined ? {} : { ...readConfigFile(options.config) };
  if (options.workers !== undefined) {
    const n = Number(options.workers);
    if (!Number.isInteger(n) || n < 1 || n > 1024)
      throw new UsageError(`--workers ${options.workers}: expected 1 to 1024`);
    overrides['workers'] = n;
  }
  const path = resolve(file);
  // Loading validates the topology and the config here, before anything reaches the cluster.
  const topology = withConfig(await loadTopology(path), overrides);
  const plan = new TaskPlan(runtimeTopology(topology));
  const bundle = await bundleTopology(path);
  const store = await connectStore(settings, { retry: false, notice: (line) => io.err(line) });
  try {
    const hash = await store.putBundle(bundle);
    const record: TopologyRecord = {
      name,
      id: `${name}-${Date.now().toString(36)}`,
      bundle: hash,
      config: overrides,
      workers: workerCount(topology),
      executors: plan.executors.map((e) => ({ component: e.component, taskIds: [...e.taskIds] })),
      status: 'active',
      submittedAt: Date.now(),
    };
    await store.createTopology(record);
    io.out(
      `submitted ${name} (${record.id}): ${record.workers} worker(s), ${record.executors.length} executors, bundle ${hash.slice(0, 12)} (${bundle.byteLength} bytes)`,
    );
    return 0;
  } finally {
    await store.coordination.close();
  }
}

export async function listCommand(flags: ClusterFlags, io: Output = stdio): Promise<number> {
  return withStore(flags, io, async (store) => {
    const [topologies, assignments, heartbeats, supervisors, leader] = await Promise.all([
      store.listTopologies(),
      store.listAssignments(),
      store.listHeartbeats(),
      store.listSupervisors(),
      store.leader(),
    ]);
    io.out(
      `nimbus leader: ${leader ?? '(none)'}; supervisors: ${supervisors.length}; topologies: ${topologies.length}`,
    );
    const rows = [['name', 'status', 'workers', 'assigned', 'heartbeating', 'executors', 'uptime']];
    for (const t of topologies) {
      const a = assignments.find((x) => x.topology === t.name && x.topologyId === t.id);
      const beating = heartbeats.filter((h) => h.topologyId === t.id).length;
      rows.push([
        t.name,
        t.status,
        String(t.workers),
        String(a?.workers.length ?? 0),
        String(beating),
        String(t.executors.length),
        `${Math.round((Date.now() - t.submittedAt) / 1000)}s`,
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows)
      io.out(
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    return 0;
  });
}

export interface KillOptions extends ClusterFlags {
  readonly wait?: string;
}

/** Marks the topology killed: workers deactivate, drain for `--wait`, stop; nimbus removes it. */
export async function killCommand(name: string, options: KillOptions, io: Output = stdio): Promise<number> {
  const waitMs = options.wait === undefined ? 30_000 : parseDuration(options.wait, '--wait');
  return withStore(options, io, async (store) => {
    await store.updateTopology(checkName(name), (t) => ({
      ...t,
      status: 'killed',
      killWaitSecs: waitMs / 1000,
      killedAt: t.killedAt ?? Date.now(),
    }));
    io.out(`killing ${name}: workers drain for up to ${waitMs / 1000} s, then stop`);
    return 0;
  });
}

export async function setStatusCommand(
  name: string,
  status: Exclude<TopologyStatus, 'killed'>,
  flags: ClusterFlags,
  io: Output = stdio,
): Promise<number> {
  return withStore(flags, io, async (store) => {
    const written = await store.updateTopology(checkName(name), (t) => {
      if (t.status === 'killed') throw new UsageError(`${name} is being killed`);
      return { ...t, status };
    });
    io.out(`${name}: ${written.status}`);
    return 0;
  });
}
