/**
 * `LocalCluster`: runs topologies inside this process, for development and tests (Storm's
 * `LocalCluster`). Each topology runs as `config.workers` workers on this thread (one by default),
 * with the same runtime code a cluster worker uses.
 */
import type { TopologyConfigInput } from '../api/config.js';
import { GaleError } from '../api/errors.js';
import { isTopology, type Topology } from '../api/topology.js';
import type {
  ComponentSummary,
  ErrorRecord,
  Logger,
  StopReport,
  TaskStatsSnapshot,
  WorkerState,
} from '../runtime/index.js';
import type { Clock } from '../util/clock.js';
import { createDefaultLogger } from './default-logger.js';
import { LocalTopology } from './local-topology.js';
import { loadTopologyModule, withConfig, workerCount } from '../runtime/index.js';
import { ThreadedTopology } from './threaded-topology.js';
import { graphOf, type TopologyGraph } from '../metrics/topology-graph.js';
import type { WorkerSample } from '../metrics/worker-sample.js';

/** What `LocalCluster` needs of a running topology, on this thread or on worker threads. */
interface RunningTopology {
  readonly startedAt: number;
  /** The topology with its effective config. */
  readonly topology: Topology;
  readonly state: WorkerState;
  readonly workerCount: number;
  activate(): void;
  deactivate(): void;
  stats(): TaskStatsSnapshot[];
  components(): ComponentSummary[];
  queued(): number;
  errors(component?: string): ErrorRecord[];
  workerSamples(): WorkerSample[];
  stop(drainTimeoutMs?: number): Promise<StopReport>;
}

/** Options of a {@link LocalCluster}. */
export interface LocalClusterOptions {
  /** Where runtime logs go (pino-compatible); JSON lines on stderr at level `info` by default. */
  readonly logger?: Logger;
  /** Time source, for tests. */
  readonly clock?: Clock;
}

/** Options of {@link LocalCluster.killTopology}. */
export interface KillOptions {
  /** Longest time to let bolts drain queued tuples before components are closed (default 30 s). */
  readonly drainTimeoutMs?: number;
}

/** How a kill went, with the final counters and errors (taken after the drain). */
export interface KillReport extends StopReport {
  readonly components: readonly ComponentSummary[];
  readonly errors: readonly ErrorRecord[];
}

/** A running topology, as {@link LocalCluster.getTopology} reports it. */
export interface LocalTopologyInfo {
  readonly name: string;
  readonly state: WorkerState;
  readonly uptimeMs: number;
  readonly components: readonly ComponentSummary[];
  readonly tasks: readonly TaskStatsSnapshot[];
  /** Tuples waiting in receive queues. */
  readonly queued: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The rule for topology names: 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit. */
export const TOPOLOGY_NAME_RULE = "1-128 letters, digits, '.', '_' or '-', starting with a letter or digit";

/** Whether `name` is a valid topology name (see {@link TOPOLOGY_NAME_RULE}). */
export function isValidTopologyName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/**
 * Runs topologies in this process.
 *
 * @example
 * ```ts
 * await using cluster = new LocalCluster();
 * await cluster.submitTopology('word-count', topology);
 * // ... later
 * await cluster.killTopology('word-count');
 * ```
 */
export class LocalCluster implements AsyncDisposable {
  readonly #topologies = new Map<string, RunningTopology>();
  readonly #logger: Logger;
  readonly #clock: Clock | undefined;
  #closing: Promise<void> | null = null;

  constructor(options: LocalClusterOptions = {}) {
    this.#logger = options.logger ?? createDefaultLogger();
    this.#clock = options.clock;
  }

  /**
   * Starts `topology` under `name`. `config` overrides the topology's own config and is validated
   * with it.
   *
   * @throws GaleError `TOPOLOGY_EXISTS` when the name is taken, `CONFIG_INVALID` for a bad config,
   * `COMPONENT_FAILED` when a component throws while starting (nothing is left running then).
   */
  submitTopology(name: string, topology: Topology, config: TopologyConfigInput = {}): Promise<void> {
    // Async for callers (cluster workers will start on other threads); validation errors reject.
    return Promise.resolve().then(() => this.#startInThread(name, this.#prepare(name, topology, config)));
  }

  /**
   * Starts the topology that module `file` (a JavaScript module; compiled, or bundled) default-
   * exports, under `name`. With `workers` above 1 the workers run on **worker threads**, one event
   * loop each, so the topology uses several cores; each thread imports the module itself (that is
   * why this takes a file: components are made by factories, which cannot cross threads).
   *
   * @throws as {@link LocalCluster.submitTopology}; a module that fails to load or start rejects.
   */
  async submitTopologyFile(name: string, file: string, config: TopologyConfigInput = {}): Promise<void> {
    const loaded = await loadTopologyModule(file);
    const topology = this.#prepare(name, loaded, config);
    if (workerCount(topology) <= 1) return this.#startInThread(name, topology);
    const running = new ThreadedTopology({
      name,
      file,
      topology,
      config: { ...config },
      workers: workerCount(topology),
      logger: this.#logger,
      onFatal: () => {
        this.#topologies.delete(name);
      },
    });
    this.#topologies.set(name, running);
    try {
      await running.start();
    } catch (err) {
      this.#topologies.delete(name);
      throw new GaleError(
        'COMPONENT_FAILED',
        `'${name}' failed to start on worker threads: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
          details: { topology: name },
        },
      );
    }
    this.#logger.info({ topology: name, workers: running.workerCount, threads: true }, 'topology started');
  }

  /** Checks the name and the topology; returns it with its effective config. */
  #prepare(name: string, topology: Topology, config: TopologyConfigInput): Topology {
    if (this.#closing !== null) throw new GaleError('CLUSTER_CLOSED', 'this LocalCluster is closed');
    if (!isValidTopologyName(name)) {
      throw new GaleError(
        'TOPOLOGY_INVALID',
        `invalid topology name ${JSON.stringify(name)}: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit`,
      );
    }
    if (!isTopology(topology)) {
      throw new GaleError(
        'TOPOLOGY_INVALID',
        `'${name}' is not a topology: build it with TopologyBuilder.createTopology()`,
      );
    }
    if (this.#topologies.has(name)) {
      throw new GaleError('TOPOLOGY_EXISTS', `a topology named '${name}' is already running`, {
        details: { topology: name },
      });
    }
    return withConfig(topology, config);
  }

  /** Runs a prepared topology's workers on this thread. */
  #startInThread(name: string, effective: Topology): void {
    const running = new LocalTopology({
      name,
      topology: effective,
      logger: this.#logger,
      ...(this.#clock ? { clock: this.#clock } : {}),
      onFatal: () => {
        this.#topologies.delete(name);
      },
    });
    running.start();
    this.#topologies.set(name, running);
    this.#logger.info({ topology: name, workers: running.workerCount }, 'topology started');
  }

  /** Stops polling the spouts of `name`; bolts keep draining. */
  deactivate(name: string): void {
    this.#get(name).deactivate();
  }

  /** Polls the spouts of `name` again. */
  activate(name: string): void {
    this.#get(name).activate();
  }

  /**
   * Stops `name` gracefully: deactivates its spouts, drains in-flight tuples, closes every
   * component, and removes it. Resolves when all of that is done.
   */
  async killTopology(name: string, options: KillOptions = {}): Promise<KillReport> {
    const running = this.#get(name);
    const report = await running.stop(options.drainTimeoutMs);
    this.#topologies.delete(name);
    this.#logger.info({ topology: name, ...report }, 'topology stopped');
    return { ...report, components: running.components(), errors: running.errors() };
  }

  /** Names of running topologies. */
  topologyNames(): string[] {
    return [...this.#topologies.keys()];
  }

  /** Live counters of `name`. */
  getTopology(name: string): LocalTopologyInfo {
    const running = this.#get(name);
    const tasks = running.stats();
    return {
      name,
      state: running.state,
      uptimeMs: Date.now() - running.startedAt,
      components: running.components(),
      tasks,
      queued: running.queued(),
    };
  }

  /**
   * A sample of each worker of `name` (its tasks' counters, its process), for the metrics of
   * the UI and `/metrics`.
   */
  getWorkerSamples(name: string): WorkerSample[] {
    return this.#get(name).workerSamples();
  }

  /** What `name` is: its graph, effective config and start time. */
  describeTopology(name: string): {
    graph: TopologyGraph;
    config: Record<string, unknown>;
    startedAt: number;
  } {
    const running = this.#get(name);
    const t = running.topology;
    return { graph: graphOf(t), config: { ...t.config }, startedAt: running.startedAt };
  }

  /** The latest errors of `name` (of one component when given), oldest first. */
  getErrors(name: string, component?: string): ErrorRecord[] {
    return this.#get(name).errors(component);
  }

  /** Kills every topology. Idempotent: later calls return the same promise. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const results = await Promise.allSettled([...this.#topologies.keys()].map((n) => this.killTopology(n)));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed.length > 0)
        throw new AggregateError(
          failed.map((f) => f.reason as unknown),
          'some topologies failed to stop',
        );
    })();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #get(name: string): RunningTopology {
    const running = this.#topologies.get(name);
    if (running === undefined) {
      throw new GaleError('TOPOLOGY_NOT_FOUND', `no topology named '${name}' is running`, {
        details: { topology: name },
      });
    }
    return running;
  }
}
