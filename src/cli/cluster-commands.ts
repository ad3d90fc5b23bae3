/**
 * The commands that talk to a cluster through its store: `submit`, `list`, `kill`, `activate`,
 * `deactivate`. Each opens the store, does one thing and closes it; an unreachable etcd fails the
 * command at once with one line naming the endpoints.
 */
import { resolve } from 'node:path';
import { TaskPlan, runtimeTopology, withConfig, workerCount } from '../runtime/index.js';
import type { ClusterStore } from '../cluster/store/cluster-store.js';
import {
  topologyGraphSchema,
  topologyNameSchema,
  type TopologyRecord,
  type TopologyStatus,
} from '../cluster/store/records.js';
import { killTopology, rebalanceTopology, setTopologyStatus } from '../cluster/store/topology-actions.js';
import { graphOf } from '../metrics/topology-graph.js';
import { bundleTopology } from './bundle-topology.js';
import { clusterSettings, type ClusterFlags } from './cluster-settings.js';
import { connectStore } from './connect-store.js';
import { loadTopology } from './load-topology.js';
import { parseDuration } from './parse-duration.js';
import { readConfigFile } from './read-config-file.js';
import { packShellResources, storeResources } from './ship-resources.js';
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
  const packed = packShellResources(topology);
  const store = await connectStore(settings, { retry: false, notice: (line) => io.err(line) });
  try {
    const hash = await store.putBundle(bundle);
    const resources = await storeResources(store, packed);
    const record: TopologyRecord = {
      name,
      id: `${name}-${Date.now().toString(36)}`,
      bundle: hash,
      config: overrides,
      workers: workerCount(topology),
      executors: plan.executors.map((e) => ({ component: e.component, taskIds: [...e.taskIds] })),
      status: 'active',
      submittedAt: Date.now(),
      rebalance: 0,
      graph: topologyGraphSchema.parse(graphOf(topology)),
      ...(resources.length > 0 ? { resources } : {}),
    };
    await store.createTopology(record);
    // A topology of the same bundle killed just now may have had it removed between our upload
    // (which found it there) and our registration: upload again what is gone.
    if ((await store.getBundle(hash)) === null) await store.putBundle(bundle);
    await storeResources(store, packed);
    io.out(
      `submitted ${name} (${record.id}): ${record.workers} worker(s), ${record.executors.length} executors, bundle ${hash.slice(0, 12)} (${bundle.byteLength} bytes)${resources.length > 0 ? `, ${resources.length} shell resources director${resources.length === 1 ? 'y' : 'ies'}` : ''}`,
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
    const rows = [
      [
        'name',
        'status',
        'workers',
        'assigned',
        'heartbeating',
        'executors',
        'emitted',
        'acked',
        'failed',
        'uptime',
      ],
    ];
    for (const t of topologies) {
      const a = assignments.find((x) => x.topology === t.name && x.topologyId === t.id);
      const beats = heartbeats.filter((h) => h.topologyId === t.id);
      const beating = beats.length;
      // Acked and failed count tuple trees: the spouts' tasks only (bolts ack their inputs too).
      // A record without its graph (an older version's) cannot tell spouts apart: '-'.
      const spouts =
        t.graph === undefined
          ? undefined
          : new Set(t.graph.components.filter((c) => c.kind === 'spout').map((c) => c.id));
      const sum = (key: 'emitted' | 'acked' | 'failed', of?: ReadonlySet<string>): string =>
        String(
          beats.reduce(
            (n, h) =>
              n + h.stats.reduce((m, s) => m + (of === undefined || of.has(s.component) ? s[key] : 0), 0),
            0,
          ),
        );
      rows.push([
        t.name,
        t.status,
        String(t.workers),
        String(a?.workers.length ?? 0),
        String(beating),
        String(t.executors.length),
        sum('emitted'),
        spouts === undefined ? '-' : sum('acked', spouts),
        spouts === undefined ? '-' : sum('failed', spouts),
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
    await killTopology(store, checkName(name), waitMs / 1000);
    io.out(`killing ${name}: workers drain for up to ${waitMs / 1000} s, then stop`);
    return 0;
  });
}

export interface RebalanceOptions extends ClusterFlags {
  readonly workers?: string;
  /** `component=count` pairs, comma-separated or repeated. */
  readonly executors?: readonly string[];
}

/**
 * Changes how many workers a topology runs on and how many executors a component's tasks are
 * spread over (at most its task count); nimbus then assigns it afresh. Workers whose tasks stay
 * keep running; the others restart with their new tasks.
 */
export async function rebalanceCommand(
  name: string,
  options: RebalanceOptions,
  io: Output = stdio,
): Promise<number> {
  const checked = checkName(name);
  let workers: number | undefined;
  if (options.workers !== undefined) {
    workers = Number(options.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 1024)
      throw new UsageError(`--workers ${options.workers}: expected 1 to 1024`);
  }
  const wanted = new Map<string, number>();
  for (const pair of (options.executors ?? []).flatMap((e) => e.split(','))) {
    const m = /^\s*([^=\s]+)\s*=\s*(\d+)\s*$/.exec(pair);
    if (m === null) throw new UsageError(`--executors ${pair}: expected component=count`);
    wanted.set(m[1]!, Number(m[2]));
  }
  if (workers === undefined && wanted.size === 0)
    throw new UsageError('rebalance: give --workers and/or --executors component=count');
  return withStore(options, io, async (store) => {
    const written = await rebalanceTopology(store, checked, {
      ...(workers === undefined ? {} : { workers }),
      executors: wanted,
    });
    io.out(`rebalancing ${name}: ${written.workers} worker(s), ${written.executors.length} executors`);
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
    const written = await setTopologyStatus(store, checkName(name), status);
    io.out(`${name}: ${written.status}`);
    return 0;
  });
}
