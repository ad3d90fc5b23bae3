/**
 * The UI's view of a {@link LocalCluster} in this process (`gale run --ui`): samples come straight
 * from the workers; actions call the cluster. Rebalancing needs cluster mode.
 */
import { GaleError } from '../api/errors.js';
import type { LocalCluster } from '../local/index.js';
import { TopologyMetrics, type TopologyState } from '../metrics/topology-metrics.js';
import type { TopologyStatusName } from '../metrics/views.js';
import type { WorkerState } from '../runtime/index.js';
import type { BackendTopology, UiBackend } from './ui-backend.js';

function statusOf(state: WorkerState): TopologyStatusName {
  switch (state) {
    case 'active':
      return 'active';
    case 'inactive':
      return 'inactive';
    case 'created':
      return 'starting';
    case 'stopping':
    case 'stopped':
      return 'killed';
  }
}

export class LocalBackend implements UiBackend {
  readonly mode = 'local' as const;
  readonly problem = null;
  readonly #known = new Map<string, { metrics: TopologyMetrics; state: TopologyState }>();

  /** @param onKilled - called after a topology was killed from the UI */
  constructor(
    private readonly cluster: LocalCluster,
    private readonly onKilled: (name: string) => void = () => {},
  ) {}

  refresh(): Promise<void> {
    const names = new Set(this.cluster.topologyNames());
    for (const name of this.#known.keys()) if (!names.has(name)) this.#known.delete(name);
    const now = Date.now();
    for (const name of names) {
      let entry = this.#known.get(name);
      if (entry === undefined) {
        const d = this.cluster.describeTopology(name);
        const metrics = new TopologyMetrics({
          id: name,
          name,
          graph: d.graph,
          config: d.config,
          startedAt: d.startedAt,
        });
        entry = { metrics, state: { status: 'starting', workers: 0, executors: 0 } };
        this.#known.set(name, entry);
      }
      const samples = this.cluster.getWorkerSamples(name);
      entry.metrics.ingest(now, samples);
      entry.state = {
        status: statusOf(this.cluster.getTopology(name).state),
        workers: samples.length,
        executors: entry.metrics.info.graph.components.reduce((n, c) => n + c.parallelism, 0),
      };
    }
    return Promise.resolve();
  }

  nimbusLeader(): null {
    return null;
  }

  nimbuses(): [] {
    return [];
  }

  supervisors(): [] {
    return [];
  }

  topologies(): BackendTopology[] {
    return [...this.#known.values()];
  }

  workerMetricsUrls(): [] {
    return [];
  }

  activate(name: string): Promise<void> {
    return Promise.resolve().then(() => this.cluster.activate(name));
  }

  deactivate(name: string): Promise<void> {
    return Promise.resolve().then(() => this.cluster.deactivate(name));
  }

  async kill(name: string, waitSecs: number): Promise<void> {
    await this.cluster.killTopology(name, { drainTimeoutMs: waitSecs * 1000 });
    this.#known.delete(name);
    this.onKilled(name);
  }

  rebalance(name: string): Promise<void> {
    return Promise.reject(
      new GaleError(
        'ACTION_INVALID',
        `rebalance ${name}: local mode cannot rebalance; run it on a cluster (gale submit)`,
        {
          details: { topology: name },
        },
      ),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
