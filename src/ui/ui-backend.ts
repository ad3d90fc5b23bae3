/**
 * Where the UI server gets its data and sends its actions: a local cluster in this process
 * (`gale run --ui`) or a cluster through its store (`gale ui`). The server refreshes it once a
 * second and reads the views between refreshes.
 */
import type { TopologyMetrics, TopologyState } from '../metrics/topology-metrics.js';
import type { NimbusView, SupervisorView } from '../metrics/views.js';

/** A topology the backend knows: its metrics and what it is doing. */
export interface BackendTopology {
  readonly metrics: TopologyMetrics;
  readonly state: TopologyState;
}

/** What a rebalance asks for. */
export interface RebalanceBody {
  readonly workers?: number;
  readonly executors?: ReadonlyMap<string, number>;
}

export interface UiBackend {
  readonly mode: 'local' | 'cluster';
  /** Takes fresh samples of every topology. Never rejects: a failure is kept in `problem`. */
  refresh(): Promise<void>;
  /** Why the last refresh failed (the store unreachable, say), or null. */
  readonly problem: string | null;
  nimbusLeader(): string | null;
  nimbuses(): NimbusView[];
  supervisors(): SupervisorView[];
  topologies(): BackendTopology[];
  /** Prometheus endpoints of the workers (cluster mode), for service discovery. */
  workerMetricsUrls(): { url: string; topology: string; worker: string }[];
  activate(name: string): Promise<void>;
  deactivate(name: string): Promise<void>;
  kill(name: string, waitSecs: number): Promise<void>;
  rebalance(name: string, body: RebalanceBody): Promise<void>;
  close(): Promise<void>;
}
