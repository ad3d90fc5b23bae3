/**
 * A worker of a cluster: one slot (`supervisor:port`) of one topology, as its supervisor started
 * it. It reads what to run from the cluster store rather than from its parent:
 *
 * 1. the topology record and its assignment, and the bundle by its hash (cached in `bundleDir`),
 *    with the directories of its shell components (unpacked there, where their subprocesses run);
 * 2. listens on its slot's port, connects to the other workers of the assignment, builds and
 *    starts the executors of its own tasks;
 * 3. heartbeats under a lease (a record with its tasks, pid and uptime, renewed every third of the
 *    TTL), so a worker that dies or hangs disappears from the store by itself;
 * 4. follows its topology: a new assignment that moves other workers' tasks is taken in place
 *    (connect to the new workers, reroute); one that changes its own tasks, or drops it, ends it so
 *    its supervisor starts it afresh (or not); deactivate and activate reach its spouts; a kill
 *    drains it for the kill's wait time and ends it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Topology } from '../../api/topology.js';
import { loadTopologyModule, WorkerRuntime, type Logger } from '../../runtime/index.js';
import { TcpTransport, type TcpAddress } from '../../transport/index.js';
import { unpackResources } from '../../multilang/resources-archive.js';
import { createShellAdapter } from '../../multilang/shell-adapter.js';
import type { ClusterStore, RecordEvent } from '../store/cluster-store.js';
import { countersOf } from '../../metrics/counter-vector.js';
import { MetricsEndpoint } from '../../metrics/metrics-endpoint.js';
import { ProcessProbe } from '../../metrics/process-probe.js';
import { createPrometheusRegistry, type MetricsExport } from '../../metrics/prometheus-registry.js';
import type { ProcessSample } from '../../metrics/worker-sample.js';
import type { Closeable, LeaseHandle } from '../store/coordination-store.js';
import {
  workerId,
  type AssignmentRecord,
  type TopologyRecord,
  type WorkerAssignment,
  type WorkerHeartbeat,
} from '../store/records.js';

export interface ClusterWorkerOptions {
  readonly store: ClusterStore;
  readonly topology: string;
  readonly supervisor: string;
  /** Address the worker listens on (its supervisor's host and the slot's port). */
  readonly host: string;
  readonly port: number;
  /** TTL of the heartbeat lease, seconds. */
  readonly heartbeatTtlSecs: number;
  /** Where bundles are written before they are imported. */
  readonly bundleDir: string;
  /** Port of its Prometheus endpoint (`/metrics` on `host`); 0 picks a free one; null serves none. */
  readonly metricsPort?: number | null;
  readonly logger: Logger;
  /** The worker ended itself (reassigned, dropped, killed, or failed); the process should exit. */
  readonly onEnd: (reason: string, failed: boolean) => void;
}

function sameTasks(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

export class ClusterWorker {
  readonly id: string;
  readonly #o: ClusterWorkerOptions;
  readonly #startedAt = Date.now();
  #topologyId = '';
  #version = 0;
  #tasks: readonly number[] = [];
  #transport: TcpTransport | null = null;
  #runtime: WorkerRuntime | null = null;
  #lease: LeaseHandle | null = null;
  #heartbeatTimer: NodeJS.Timeout | null = null;
  #watches: Closeable[] = [];
  #ending: Promise<void> | null = null;
  /** The pid each other worker of the topology last heartbeated with. */
  readonly #peerPids = new Map<string, number>();
  /** Peers whose heartbeat expired and has not come back. */
  readonly #silentPeers = new Set<string>();
  readonly #probe = new ProcessProbe();
  #process: ProcessSample | null = null;
  #metrics: MetricsEndpoint | null = null;
  #metricsUrl: string | null = null;

  constructor(options: ClusterWorkerOptions) {
    this.#o = options;
    this.id = workerId(options.supervisor, options.port);
  }

  async start(): Promise<void> {
    const { store, topology: name, logger } = this.#o;
    const record = await store.getTopology(name);
    if (record === null) throw new Error(`topology '${name}' is not in the cluster store`);
    const assignment = await store.getAssignment(name);
    const mine = assignment?.value.workers.find(
      (w) => w.supervisor === this.#o.supervisor && w.port === this.#o.port,
    );
    if (assignment === null || mine === undefined)
      throw new Error(`worker ${this.id} is not in the assignment of '${name}'`);
    this.#topologyId = record.value.id;
    this.#version = assignment.value.version;
    this.#tasks = [...mine.tasks].sort((a, b) => a - b);

    const topology = await this.#load(record.value);
    const resolveCwd = await this.#resources(record.value);
    const metricsPort = this.#o.metricsPort === undefined ? 0 : this.#o.metricsPort;
    if (metricsPort !== null) {
      this.#metrics = new MetricsEndpoint(createPrometheusRegistry(() => this.#export(), true));
      this.#metricsUrl = await this.#metrics.listen(this.#o.host, metricsPort);
    }
    const transport = new TcpTransport({
      workerId: this.id,
      logger,
      listen: { host: this.#o.host, port: this.#o.port },
    });
    this.#transport = transport;
    await transport.listen();
    transport.setPeers(this.#addresses(assignment.value.workers));
    const runtime = new WorkerRuntime({
      adapter: createShellAdapter({ resolveCwd }),
      topologyName: name,
      topology,
      localTasks: this.#tasks,
      remoteTasks: this.#remoteTasks(assignment.value.workers),
      transport,
      logger,
      onFatal: (err) => void this.#end(`fatal: ${err instanceof Error ? err.message : String(err)}`, true),
    });
    this.#runtime = runtime;
    runtime.start();
    if (record.value.status === 'inactive') runtime.deactivate();

    await this.#heartbeat();
    this.#heartbeatTimer = setInterval(() => void this.#heartbeat(), (this.#o.heartbeatTtlSecs * 1000) / 3);
    this.#watches.push(
      await store.watchAssignments((e) => {
        if (e.type === 'put' && e.value.topology === name) this.#onAssignment(e.value);
        if (e.type === 'delete' && e.key === name) void this.#end('assignment removed', false);
      }),
      await store.watchHeartbeats((e) => this.#onHeartbeat(e)),
      await store.watchTopologies((e) => {
        if (e.type === 'put' && e.value.name === name) this.#onTopology(e.value);
        if (e.type === 'delete' && e.key === name) void this.#end('topology removed', false);
      }),
    );
    logger.info({ tasks: this.#tasks, version: this.#version }, 'worker started');
  }

  /** Stops the worker (draining for up to `drainMs`), its heartbeat and its watches. Idempotent. */
  close(drainMs = 5000): Promise<void> {
    this.#ending ??= this.#stop(drainMs);
    return this.#ending;
  }

  async #load(record: TopologyRecord): Promise<Topology> {
    const file = join(this.#o.bundleDir, `${record.bundle}.mjs`);
    if (!existsSync(file)) {
      const bytes = await this.#o.store.getBundle(record.bundle);
      if (bytes === null)
        throw new Error(`bundle ${record.bundle} of '${record.name}' is not in the cluster store`);
      mkdirSync(this.#o.bundleDir, { recursive: true });
      // Written aside, then renamed: workers of one machine share the cache.
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, bytes);
      renameSync(part, file);
    }
    return loadTopologyModule(file, record.config);
  }

  /**
   * Unpacks each shell component directory shipped with the topology into
   * `<bundleDir>/<hash>-resources/` (once per machine), and maps a component's `cwd` to its copy:
   * by the directory the submitter resolved, else by component (a `cwd` computed from
   * `import.meta.url` names the bundle's directory here).
   */
  async #resources(
    record: TopologyRecord,
  ): Promise<(cwd: string | undefined, component: string) => string | undefined> {
    const byDir = new Map<string, string>();
    const byComponent = new Map<string, string>();
    for (const r of record.resources ?? []) {
      const local = resolve(this.#o.bundleDir, `${r.hash}-resources`);
      if (!existsSync(local)) {
        const bytes = await this.#o.store.getBundle(r.hash);
        if (bytes === null)
          throw new Error(`resources ${r.hash} (${r.dir}) of '${record.name}' are not in the cluster store`);
        // Unpacked aside, then renamed: workers of one machine share the copy.
        const part = `${local}.${process.pid}.part`;
        rmSync(part, { recursive: true, force: true });
        unpackResources(bytes, part, `${r.hash} (${r.dir})`);
        try {
          renameSync(part, local);
        } catch (err) {
          rmSync(part, { recursive: true, force: true });
          // Another worker of this machine renamed its copy first.
          if (!existsSync(local)) throw err;
        }
      }
      byDir.set(r.dir, local);
      for (const c of r.components) byComponent.set(c, local);
    }
    return (cwd, component) =>
      (cwd === undefined ? undefined : byDir.get(resolve(cwd))) ?? byComponent.get(component) ?? cwd;
  }

  #addresses(workers: readonly WorkerAssignment[]): Map<string, TcpAddress> {
    const out = new Map<string, TcpAddress>();
    for (const w of workers) {
      const id = workerId(w.supervisor, w.port);
      if (id !== this.id) out.set(id, { host: w.host, port: w.port });
    }
    return out;
  }

  #remoteTasks(workers: readonly WorkerAssignment[]): Map<number, string> {
    const out = new Map<number, string>();
    for (const w of workers) {
      const id = workerId(w.supervisor, w.port);
      if (id !== this.id) for (const t of w.tasks) out.set(t, id);
    }
    return out;
  }

  #onAssignment(assignment: AssignmentRecord): void {
    if (assignment.topologyId !== this.#topologyId || assignment.version <= this.#version) return;
    const mine = assignment.workers.find(
      (w) => w.supervisor === this.#o.supervisor && w.port === this.#o.port,
    );
    if (mine === undefined) {
      void this.#end(`no longer assigned (version ${assignment.version})`, false);
      return;
    }
    if (
      !sameTasks(
        [...mine.tasks].sort((a, b) => a - b),
        this.#tasks,
      )
    ) {
      void this.#end(`own tasks changed (version ${assignment.version})`, false);
      return;
    }
    this.#version = assignment.version;
    this.#transport?.setPeers(this.#addresses(assignment.workers));
    this.#runtime?.reroute(this.#remoteTasks(assignment.workers));
    // Tasks that moved lost what was queued for them.
    this.#runtime?.failPending();
    this.#o.logger.info({ version: assignment.version }, 'other workers moved: rerouted');
  }

  /**
   * Another worker of the topology died (its heartbeat expired) or was restarted (a new pid in its
   * slot): the tuple trees that crossed it may be lost, so this worker's spouts fail their pending
   * trees at once and replay, rather than after the message timeout.
   */
  #onHeartbeat(e: RecordEvent<WorkerHeartbeat>): void {
    if (e.type === 'put') {
      const hb = e.value;
      const id = workerId(hb.supervisor, hb.port);
      if (hb.topologyId !== this.#topologyId || id === this.id) return;
      const before = this.#peerPids.get(id);
      this.#peerPids.set(id, hb.pid);
      // Back after its heartbeat expired, or another process in its slot: what reached it between
      // its death and its return is gone too, so fail again what is pending now.
      if (before !== undefined && before !== hb.pid) {
        this.#silentPeers.delete(id);
        this.#peerLost(id, 'restarted');
      } else if (this.#silentPeers.delete(id)) this.#peerLost(id, 'back after its heartbeat expired');
      return;
    }
    const [topology, id] = e.key.split('/');
    if (topology !== this.#o.topology || id === undefined || id === this.id || !this.#peerPids.has(id))
      return;
    this.#silentPeers.add(id);
    this.#peerLost(id, 'heartbeat expired');
  }

  #peerLost(peer: string, why: string): void {
    if (this.#ending !== null) return;
    this.#o.logger.warn({ peer, why }, 'a peer worker died: failing pending trees for replay');
    this.#runtime?.failPending();
  }

  #onTopology(record: TopologyRecord): void {
    if (record.id !== this.#topologyId) {
      void this.#end('topology replaced', false);
      return;
    }
    if (record.status === 'killed')
      void this.#end('topology killed', false, (record.killWaitSecs ?? 30) * 1000);
    else if (record.status === 'inactive') this.#runtime?.deactivate();
    else this.#runtime?.activate();
  }

  async #heartbeat(): Promise<void> {
    if (this.#ending !== null) return;
    try {
      if (this.#lease === null || this.#lease.lost) {
        this.#lease = await this.#o.store.coordination.grantLease(this.#o.heartbeatTtlSecs);
      }
      await this.#o.store.putHeartbeat(
        {
          topology: this.#o.topology,
          topologyId: this.#topologyId,
          supervisor: this.#o.supervisor,
          port: this.#o.port,
          pid: process.pid,
          version: this.#version,
          time: Date.now(),
          uptimeSecs: (Date.now() - this.#startedAt) / 1000,
          tasks: [...this.#tasks],
          stats: (this.#runtime?.stats() ?? []).map(({ taskId, outputs, ...t }) => ({
            task: taskId,
            outputs: [...outputs],
            ...t,
          })),
          process: (this.#process = this.#probe.sample()),
          errors: this.#runtime?.errors.list() ?? [],
          ...(this.#metricsUrl === null ? {} : { metricsUrl: this.#metricsUrl }),
        },
        this.#lease,
      );
    } catch (err) {
      // The store is unreachable: the worker keeps processing and tries again next time.
      this.#o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'heartbeat failed');
    }
  }

  async #end(reason: string, failed: boolean, drainMs = 5000): Promise<void> {
    if (this.#ending !== null) return;
    if (failed) this.#o.logger.error({ reason }, 'worker ending');
    else this.#o.logger.info({ reason }, 'worker ending');
    await this.close(drainMs);
    this.#o.onEnd(reason, failed);
  }

  /** This worker's tasks and process, for its Prometheus endpoint. */
  #export(): MetricsExport {
    const topology = this.#o.topology;
    const host = this.#o.host;
    return {
      tasks: (this.#runtime?.stats() ?? []).map((t) => ({
        topology,
        component: t.component,
        task: t.taskId,
        worker: this.id,
        host,
        counters: countersOf(t),
        latency: { execute: t.executeLatency, process: t.processLatency, complete: t.completeLatency },
        queueDepth: t.queueDepth,
        outputs: t.outputs,
      })),
      workers: this.#process === null ? [] : [{ topology, worker: this.id, host, process: this.#process }],
    };
  }

  async #stop(drainMs: number): Promise<void> {
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#probe.close();
    await this.#metrics?.close();
    for (const w of this.#watches) await w.close();
    this.#watches = [];
    if (this.#runtime !== null && this.#runtime.state !== 'stopped') await this.#runtime.stop(drainMs);
    await this.#transport?.close();
    await this.#lease?.close();
  }
}
