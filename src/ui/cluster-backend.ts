/**
 * The UI's view of a cluster (`gale ui`): every refresh reads topologies, assignments,
 * supervisors, nimbuses and worker heartbeats from the cluster store; heartbeats carry each
 * worker's task counters and process. Actions change topology records, as the CLI does.
 */
import type { ClusterStore } from '../cluster/store/cluster-store.js';
import {
  workerId,
  type AssignmentRecord,
  type NimbusRecord,
  type SupervisorRecord,
  type TopologyRecord,
  type WorkerHeartbeat,
} from '../cluster/store/records.js';
import { killTopology, rebalanceTopology, setTopologyStatus } from '../cluster/store/topology-actions.js';
import type { TopologyGraph } from '../metrics/topology-graph.js';
import { TopologyMetrics, type TopologyState } from '../metrics/topology-metrics.js';
import type { NimbusView, SupervisorView } from '../metrics/views.js';
import { NO_PROCESS, type WorkerSample } from '../metrics/worker-sample.js';
import type { BackendTopology, RebalanceBody, UiBackend } from './ui-backend.js';

/** A record of an older version has no graph: its components, without kinds or edges. */
function graphOfRecord(t: TopologyRecord): TopologyGraph {
  if (t.graph !== undefined) return t.graph;
  const tasks = new Map<string, number>();
  const executors = new Map<string, number>();
  for (const e of t.executors) {
    if (e.component.startsWith('__')) continue;
    tasks.set(e.component, (tasks.get(e.component) ?? 0) + e.taskIds.length);
    executors.set(e.component, (executors.get(e.component) ?? 0) + 1);
  }
  return {
    components: [...tasks].map(([id, n]) => ({
      id,
      kind: 'bolt' as const,
      parallelism: executors.get(id) ?? 1,
      tasks: n,
      inputs: [],
      streams: [],
    })),
  };
}

function sampleOf(h: WorkerHeartbeat, host: string): WorkerSample {
  return {
    worker: workerId(h.supervisor, h.port),
    host,
    port: h.port,
    pid: h.pid,
    time: h.time,
    process: h.process ?? NO_PROCESS,
    tasks: h.stats.map(({ task, ...t }) => ({ taskId: task, ...t })),
    errors: h.errors,
  };
}

export class ClusterBackend implements UiBackend {
  readonly mode = 'cluster' as const;
  #problem: string | null = null;
  #leader: string | null = null;
  #nimbuses: NimbusRecord[] = [];
  #supervisors: SupervisorRecord[] = [];
  #assignments: AssignmentRecord[] = [];
  #heartbeats: WorkerHeartbeat[] = [];
  /** By topology id: a topology killed and submitted again under its name is another one. */
  readonly #known = new Map<string, { metrics: TopologyMetrics; state: TopologyState }>();

  constructor(private readonly store: ClusterStore) {}

  get problem(): string | null {
    return this.#problem;
  }

  async refresh(): Promise<void> {
    const { store } = this;
    let records: TopologyRecord[];
    try {
      [records, this.#assignments, this.#supervisors, this.#heartbeats, this.#leader, this.#nimbuses] =
        await Promise.all([
          store.listTopologies(),
          store.listAssignments(),
          store.listSupervisors(),
          store.listHeartbeats(),
          store.leader(),
          store.listNimbuses(),
        ]);
      this.#problem = null;
    } catch (err) {
      this.#problem = `cluster store unreachable: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    const now = Date.now();
    const ids = new Set(records.map((r) => r.id));
    for (const id of this.#known.keys()) if (!ids.has(id)) this.#known.delete(id);
    const hostOf = new Map(this.#supervisors.map((s) => [s.id, s.host]));
    for (const record of records) {
      let entry = this.#known.get(record.id);
      if (entry === undefined) {
        const metrics = new TopologyMetrics({
          id: record.id,
          name: record.name,
          graph: graphOfRecord(record),
          config: record.config,
          startedAt: record.submittedAt,
        });
        entry = { metrics, state: { status: 'starting', workers: 0, executors: 0 } };
        this.#known.set(record.id, entry);
      }
      const assignment = this.#assignments.find((a) => a.topologyId === record.id);
      const samples = this.#heartbeats
        .filter((h) => h.topologyId === record.id)
        .map((h) => {
          const assigned = assignment?.workers.find(
            (w) => w.supervisor === h.supervisor && w.port === h.port,
          );
          return sampleOf(h, assigned?.host ?? hostOf.get(h.supervisor) ?? h.supervisor);
        });
      entry.metrics.ingest(now, samples);
      entry.state = {
        status:
          record.status === 'active' && assignment !== undefined && assignment.rebalance !== record.rebalance
            ? 'rebalancing'
            : record.status,
        workers: assignment?.workers.length ?? 0,
        executors: record.executors.filter((e) => !e.component.startsWith('__')).length,
      };
    }
  }

  nimbusLeader(): string | null {
    return this.#leader;
  }

  nimbuses(): NimbusView[] {
    const views = this.#nimbuses.map((n): NimbusView => ({
      id: n.id,
      status: n.id === this.#leader ? 'leader' : 'standby',
    }));
    if (this.#leader !== null && !views.some((n) => n.id === this.#leader))
      views.push({ id: this.#leader, status: 'leader' });
    return views.sort((a, b) => a.id.localeCompare(b.id));
  }

  supervisors(): SupervisorView[] {
    const now = Date.now();
    return this.#supervisors
      .map((s) => ({
        id: s.id,
        host: s.host,
        slots: s.slots,
        slotsUsed: this.#assignments.reduce(
          (n, a) => n + a.workers.filter((w) => w.supervisor === s.id).length,
          0,
        ),
        uptimeSecs: Math.max(0, (now - s.startedAt) / 1000),
        logUrl: s.logUrl ?? null,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  topologies(): BackendTopology[] {
    return [...this.#known.values()];
  }

  workerMetricsUrls(): { url: string; topology: string; worker: string }[] {
    return this.#heartbeats.flatMap((h) =>
      h.metricsUrl === undefined
        ? []
        : [{ url: h.metricsUrl, topology: h.topology, worker: workerId(h.supervisor, h.port) }],
    );
  }

  async activate(name: string): Promise<void> {
    await setTopologyStatus(this.store, name, 'active');
  }

  async deactivate(name: string): Promise<void> {
    await setTopologyStatus(this.store, name, 'inactive');
  }

  async kill(name: string, waitSecs: number): Promise<void> {
    await killTopology(this.store, name, waitSecs);
  }

  async rebalance(name: string, body: RebalanceBody): Promise<void> {
    await rebalanceTopology(this.store, name, body);
  }

  close(): Promise<void> {
    return this.store.coordination.close();
  }
}
