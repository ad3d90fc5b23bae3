/**
 * One worker's share of a topology: it makes the component instances of its tasks, wires their
 * collectors to the routing table and receive queues, runs them on one cooperative scheduler,
 * sends tick tuples, and stops gracefully (deactivate spouts, drain, close).
 *
 * Lifecycle: created, then `start()`: active (or inactive, toggled), then `stop()`: stopping, stopped.
 */
import { effectiveConfig, type TopologyConfig } from '../../api/config.js';
import { GaleError } from '../../api/errors.js';
import { Fields } from '../../api/fields.js';
import type { Topology } from '../../api/topology.js';
import { SYSTEM_COMPONENT, SYSTEM_TASK, TICK_STREAM } from '../../api/tuple.js';
import type { Tuple } from '../../api/tuple.js';
import { systemClock, type Clock, type TimerHandle } from '../../util/clock.js';
import type { ErrorSink } from '../collector/error-sink.js';
import { Emitter, type EmitLogger } from '../collector/emitter.js';
import { OutputCollectorImpl } from '../collector/output-collector-impl.js';
import { SpoutOutputCollectorImpl } from '../collector/spout-output-collector-impl.js';
import { BoltExecutor } from '../executor/bolt-executor.js';
import { BoltTask } from '../executor/bolt-task.js';
import type { Executor } from '../executor/executor.js';
import { SpoutExecutor, type SpoutTask } from '../executor/spout-executor.js';
import { runtimeTopology, type RuntimeTopology } from '../plan/runtime-topology.js';
import { TaskPlan } from '../plan/task-plan.js';
import { BoltAckSender, SpoutAckSender } from '../acking/ack-sender.js';
import { PendingRoots } from '../acking/pending-roots.js';
import { RootIds } from '../acking/root-ids.js';
import { ACKER_COMPONENT } from '../acking/system-streams.js';
import { ReceiveQueue } from '../queue/receive-queue.js';
import { ErrorLog } from '../stats/error-log.js';
import { snapshotOf, TaskStats, type TaskStatsSnapshot } from '../stats/task-stats.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import { InboundDispatcher } from '../messaging/inbound-dispatcher.js';
import { OutboundBatcher } from '../messaging/outbound-batcher.js';
import { RemotePressure } from '../messaging/remote-pressure.js';
import type { Transport } from '../messaging/transport.js';
import { childLogger, type Logger } from './logger.js';
import type { AdaptedTask, ComponentAdapter } from './component-adapter.js';

const IDENTITY_ADAPTER: ComponentAdapter = { spout: (s) => s, bolt: (b) => b };
import { RoutingTable } from './routing-table.js';
import { Scheduler } from './scheduler.js';
import { TaskLoggerImpl } from './task-logger-impl.js';
import { TopologyContextImpl } from './topology-context-impl.js';

export interface WorkerRuntimeOptions {
  readonly topologyName: string;
  readonly topology: Topology;
  /** The tasks this worker runs; all of them when left out. */
  readonly localTasks?: readonly number[];
  /**
   * Where this worker logs. Its owner binds `topology`, `worker` and `host` (see `childLogger`);
   * the runtime binds `component` and `task` for the lines of each task.
   */
  readonly logger: Logger;
  readonly clock?: Clock;
  /** How this worker reaches the others; needed when some tasks run elsewhere. */
  readonly transport?: Transport;
  /** The worker id of every task that runs elsewhere. */
  readonly remoteTasks?: ReadonlyMap<number, string>;
  /** Called once if the worker stops by itself because of an internal error. */
  readonly onFatal?: (err: unknown) => void;
  /** Replaces component instances before their tasks start (shell components). */
  readonly adapter?: ComponentAdapter;
}

export const WORKER_STATES = ['created', 'active', 'inactive', 'stopping', 'stopped'] as const;
export type WorkerState = (typeof WORKER_STATES)[number];

/** How a stop went. */
export interface StopReport {
  /** Every queue was empty when components were closed. */
  readonly drained: boolean;
  /** Tuples still queued (and dropped) when the drain timed out. */
  readonly dropped: number;
}

const TICK_SCHEMA = new StreamSchema(SYSTEM_COMPONENT, TICK_STREAM, new Fields(['rate_secs']), false);

function renderTuple(tuple: Tuple): string {
  let values: string;
  try {
    values = JSON.stringify(tuple.values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    values = '[unprintable values]';
  }
  return `${tuple.sourceComponent}.${tuple.sourceStream} from task ${tuple.sourceTask}: ${values}`.slice(
    0,
    500,
  );
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class WorkerRuntime implements ErrorSink {
  readonly plan: TaskPlan;
  readonly errors: ErrorLog;
  /** The user's topology with Gale's system components (the ackers) added. */
  readonly topology: RuntimeTopology;
  readonly #options: WorkerRuntimeOptions;
  readonly #clock: Clock;
  readonly #scheduler: Scheduler;
  readonly #statsByTask = new Map<number, TaskStats>();
  /** The logger of each local task, bound to its component and task. */
  readonly #taskLogs = new Map<number, Logger>();
  readonly #ticks: TimerHandle[] = [];
  #executors: Executor[] = [];
  #spouts: SpoutExecutor[] = [];
  #queues: ReceiveQueue<TupleImpl>[] = [];
  #batchers: OutboundBatcher[] = [];
  /** Outbound batcher of each task of another worker (shared with every emitter). */
  #outbound: (OutboundBatcher | undefined)[] = [];
  #peerList: string[] = [];
  #inbound: InboundDispatcher | null = null;
  readonly #pressure = new RemotePressure();
  #state: WorkerState = 'created';
  #crashed = false;
  #stopping: Promise<StopReport> | null = null;

  constructor(options: WorkerRuntimeOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.topology = runtimeTopology(options.topology);
    this.plan = new TaskPlan(this.topology);
    this.errors = new ErrorLog(options.topology.config.maxErrorsPerComponent);
    this.#scheduler = new Scheduler({
      budget: options.topology.config.stepBudget,
      sliceMs: options.topology.config.schedulerSliceMs,
      clock: this.#clock,
      onCrash: (err) => this.#crash(err),
      onSliceEnd: () => this.#sliceEnd(),
    });
  }

  get state(): WorkerState {
    return this.#state;
  }

  /**
   * Makes every local task's instance, prepares bolts, opens and activates spouts, starts the
   * scheduler and the tick timers. If user code throws here, what was started is closed and a
   * `GaleError` (`COMPONENT_FAILED`) names the component and task.
   */
  start(): void {
    if (this.#state !== 'created') throw new Error(`worker already ${this.#state}`);
    const { topologyName } = this.#options;
    const topology = this.topology;
    const acking = topology.ackers > 0;
    const ackerTasks = this.plan.tasksOf(ACKER_COMPONENT);
    const local = new Set(this.#options.localTasks ?? this.plan.taskComponent.keys());
    const localList = [...local].sort((a, b) => a - b);
    const routing = new RoutingTable(topology, this.plan, local);
    const queues: ReceiveQueue<TupleImpl>[] = [];
    const capacity = topology.config.receiveQueueCapacity;
    const debug = topology.config.debug ? this.#debugLogger() : null;

    // Queues first: every emitter needs all local queues. Spouts have one for ack verdicts.
    for (const ex of this.plan.executors) {
      if (topology.components.get(ex.component)?.kind !== 'bolt' && !acking) continue;
      for (const t of ex.taskIds) if (local.has(t)) queues[t] = new ReceiveQueue<TupleImpl>(capacity);
    }
    this.#queues = queues;
    const outbound = this.#connect(routing, queues);

    let current = '';
    let currentTask = 0;
    let starting: Executor | null = null;
    // What every task gets, spout or bolt: its counters, its emit path and its context.
    const wire = (component: string, taskId: number, config: TopologyConfig) => {
      const stats = this.#stats(taskId, component);
      const routes = routing.routesFor(component, taskId);
      stats.routes = routes;
      const emitter = new Emitter(
        taskId,
        component,
        routes,
        queues,
        this.#scheduler,
        stats,
        debug,
        outbound,
        this.#pressure,
      );
      const context = new TopologyContextImpl(
        topologyName,
        taskId,
        component,
        localList,
        config,
        this.plan,
        new TaskLoggerImpl(this.#taskLog(component, taskId)),
      );
      return { stats, emitter, context };
    };
    try {
      for (const ex of this.plan.executors) {
        const taskIds = ex.taskIds.filter((t) => local.has(t));
        if (taskIds.length === 0) continue;
        const def = topology.components.get(ex.component)!;
        const config = effectiveConfig(topology.config, def.config);
        current = ex.component;
        if (def.kind === 'spout') {
          const tasks: SpoutTask[] = taskIds.map((taskId) => {
            currentTask = taskId;
            const { stats, emitter, context } = wire(ex.component, taskId, config);
            const spout = this.#adapter.spout(def.factory(), this.#adapted(ex.component, taskId));
            const tracking = acking
              ? {
                  rootIds: new RootIds(taskId),
                  pending: new PendingRoots(config.maxSpoutPending),
                  sender: new SpoutAckSender(emitter, ackerTasks),
                }
              : null;
            const collector = new SpoutOutputCollectorImpl(emitter, this, tracking);
            stats.queue = queues[taskId] ?? null;
            return { taskId, spout, collector, context, stats, queue: queues[taskId] ?? null };
          });
          const executor = new SpoutExecutor(
            ex.component,
            tasks,
            this,
            config.spoutIdleBackoffMaxMs,
            config.metrics,
          );
          this.#executors.push(executor);
          this.#spouts.push(executor);
          if (acking) this.#startTimeouts(executor, config.messageTimeoutSecs);
        } else {
          const tasks = taskIds.map((taskId) => {
            currentTask = taskId;
            const { stats, emitter, context } = wire(ex.component, taskId, config);
            const bolt = this.#adapter.bolt(def.factory(), this.#adapted(ex.component, taskId));
            stats.queue = queues[taskId]!;
            return new BoltTask(
              taskId,
              ex.component,
              bolt,
              queues[taskId]!,
              new OutputCollectorImpl(
                emitter,
                this,
                acking && !def.system ? new BoltAckSender(emitter, ackerTasks) : null,
              ),
              context,
              stats,
              this,
              config.onBoltError,
            );
          });
          const executor = new BoltExecutor(ex.component, tasks, this, config.metrics);
          this.#executors.push(executor);
          if (config.tickTupleFreqSecs !== null) this.#startTicks(executor, config.tickTupleFreqSecs);
        }
      }
      // Bolts are prepared before spouts open, so nothing is emitted into an unprepared bolt.
      for (const e of this.#executors) {
        if (e.kind !== 'bolt') continue;
        current = e.component;
        starting = e;
        e.start();
      }
      for (const e of this.#spouts) {
        current = e.component;
        starting = e;
        e.start();
      }
    } catch (err) {
      // Name the task whose open/prepare threw, not the executor's first task.
      if (starting !== null) currentTask = starting.startingTask;
      this.#state = 'stopped';
      this.#cancelTicks();
      for (const e of this.#executors) e.close();
      throw new GaleError(
        'COMPONENT_FAILED',
        `'${current}' (task ${currentTask}) failed to start: ${errorMessage(err)}`,
        {
          cause: err,
          details: { component: current, taskId: currentTask, topology: topologyName },
        },
      );
    }
    this.#scheduler.setExecutors(this.#executors);
    this.#state = 'inactive';
    this.activate();
    this.#scheduler.start();
  }

  /** Polls spouts again (after a deactivation). */
  activate(): void {
    if (this.#state !== 'inactive') return;
    this.#state = 'active';
    for (const s of this.#spouts) s.activate();
    this.#scheduler.wake();
  }

  /** Stops polling spouts; bolts keep draining their queues. */
  deactivate(): void {
    if (this.#state !== 'active') return;
    this.#state = 'inactive';
    for (const s of this.#spouts) s.deactivate();
  }

  /** Resolves once this worker has nothing left to do (no input queued, nothing being sent). */
  whenIdle(): Promise<void> {
    return this.#scheduler.whenIdle();
  }

  /** Whether no tuple waits in a local queue or an outbound batch. */
  isQuiescent(): boolean {
    return this.queuedTuples() === 0;
  }

  /** Counters of every local task, ascending task id. */
  stats(): TaskStatsSnapshot[] {
    const now = performance.now();
    return [...this.#statsByTask.values()].sort((a, b) => a.taskId - b.taskId).map((s) => snapshotOf(s, now));
  }

  /** Tuples waiting in local receive queues and in batches for other workers. */
  queuedTuples(): number {
    let n = 0;
    for (const q of this.#queues) if (q !== undefined) n += q.size;
    for (const b of this.#batchers) n += b.pending;
    return n;
  }

  /**
   * Stops gracefully: deactivates spouts, lets bolts drain every queue (up to `drainTimeoutMs`),
   * then closes spouts and cleans up bolts. Idempotent: later calls return the same promise.
   */
  stop(drainTimeoutMs = 30_000): Promise<StopReport> {
    this.#stopping ??= this.#stop(drainTimeoutMs);
    return this.#stopping;
  }

  async #stop(drainTimeoutMs: number): Promise<StopReport> {
    if (this.#state === 'created' || this.#state === 'stopped') {
      this.#state = 'stopped';
      return { drained: true, dropped: 0 };
    }
    this.deactivate();
    this.#state = 'stopping';
    this.#cancelTicks();
    let cancelTimeout = (): void => {};
    const timedOut = new Promise<void>((resolve) => {
      const timer = this.#clock.setTimer(drainTimeoutMs, resolve);
      cancelTimeout = () => timer.cancel();
    });
    await Promise.race([this.#scheduler.whenIdle(), timedOut]);
    cancelTimeout();
    this.#scheduler.stop();
    this.#sliceEnd();
    let dropped = 0;
    for (const q of this.#queues) if (q !== undefined) dropped += q.clear();
    for (const e of this.#spouts) e.close();
    for (const e of this.#executors) if (e.kind === 'bolt') e.close();
    this.#state = 'stopped';
    if (dropped > 0) this.#options.logger.warn({ dropped }, 'drain timed out; queued tuples dropped');
    return { drained: dropped === 0, dropped };
  }

  /** ErrorSink: records an error of a task and logs it. */
  report(component: string, taskId: number, error: unknown, tuple?: Tuple): void {
    const stats = this.#statsByTask.get(taskId);
    if (stats !== undefined) stats.errors++;
    const message = errorMessage(error);
    const code = error instanceof GaleError ? error.code : undefined;
    const rendered = tuple === undefined ? undefined : renderTuple(tuple);
    const stack = error instanceof Error ? error.stack : undefined;
    this.errors.add({
      component,
      taskId,
      time: Date.now(),
      message,
      ...(code !== undefined ? { code } : {}),
      ...(rendered !== undefined ? { tuple: rendered } : {}),
      ...(stack !== undefined ? { stack } : {}),
    });
    this.#taskLog(component, taskId).error(
      { err: message, ...(code ? { code } : {}), ...(rendered ? { tuple: rendered } : {}) },
      'component error',
    );
  }

  /**
   * Fails every pending tuple tree of this worker's spouts at their next step, so reliable spouts
   * replay at once: called when another worker of the topology died (its acker state and the
   * tuples it held are gone), instead of waiting for the message timeout.
   */
  failPending(): void {
    for (const s of this.#spouts) s.failPending();
    this.#scheduler.wake();
  }

  /**
   * Another worker died or restarted: what it said about its full queues no longer holds (a new
   * process starts empty and reports only changes), so producers may send to its tasks again.
   */
  peerReset(worker: string): void {
    if (this.#pressure.update(worker, [])) this.#scheduler.wake();
  }

  /**
   * Tasks of other workers moved (a reassignment in cluster mode): tuples for them go to their new
   * workers from now on. What was batched for a task's old worker is sent there first; if that
   * worker is gone, acking replays it. Backpressure reported by workers no longer in the map is
   * forgotten. The local tasks stay as they are.
   */
  reroute(remoteTasks: ReadonlyMap<number, string>): void {
    const transport = this.#options.transport;
    if (transport === undefined || this.#inbound === null) throw new Error('reroute needs a transport');
    const outbound = this.#outbound;
    const byWorker = new Map(this.#batchers.map((b) => [b.link.peer, b]));
    for (const [task, worker] of remoteTasks) {
      if (outbound[task]?.link.peer === worker) continue;
      outbound[task]?.flush();
      let b = byWorker.get(worker);
      if (b === undefined) {
        b = new OutboundBatcher(transport.link(worker), this.topology.config.transferBatchSize);
        byWorker.set(worker, b);
      }
      outbound[task] = b;
    }
    this.#batchers = [...byWorker.values()];
    const peers = [...new Set(remoteTasks.values())];
    for (const gone of this.#peerList) if (!peers.includes(gone)) this.#pressure.update(gone, []);
    this.#peerList = peers;
    this.#inbound.setPeers(peers);
    this.#scheduler.wake();
  }

  /** Outbound batchers for tasks of other workers, and the inbound side of the transport. */
  #connect(routing: RoutingTable, queues: ReceiveQueue<TupleImpl>[]): (OutboundBatcher | undefined)[] {
    const { transport, remoteTasks, logger, topology } = this.#options;
    const outbound: (OutboundBatcher | undefined)[] = [];
    if (transport === undefined) {
      if (remoteTasks !== undefined && remoteTasks.size > 0) throw new Error('remote tasks need a transport');
      return outbound;
    }
    const byWorker = new Map<string, OutboundBatcher>();
    for (const [task, worker] of remoteTasks ?? []) {
      let b = byWorker.get(worker);
      if (b === undefined) {
        b = new OutboundBatcher(transport.link(worker), topology.config.transferBatchSize);
        byWorker.set(worker, b);
      }
      outbound[task] = b;
    }
    this.#batchers = [...byWorker.values()];
    this.#outbound = outbound;
    this.#peerList = [...new Set(remoteTasks?.values() ?? [])];
    const inbound = new InboundDispatcher({
      queues,
      transport,
      logger,
      peers: this.#peerList,
      pressure: this.#pressure,
      wake: () => this.#scheduler.wake(),
      schemaOf: (sourceTask, stream) => {
        const component = this.plan.taskComponent.get(sourceTask);
        return component === undefined ? undefined : routing.schema(component, stream);
      },
    });
    this.#inbound = inbound;
    transport.onMessage(inbound.handle);
    transport.onWritable(() => this.#scheduler.wake());
    return outbound;
  }

  #sliceEnd(): void {
    // Acks held back to be combined go out first (they may be bound for other workers); what
    // they put into local queues needs another slice.
    let acks = false;
    for (const e of this.#executors) if (e.flushAcks()) acks = true;
    if (acks) this.#scheduler.wake();
    const batchers = this.#batchers;
    for (let i = 0; i < batchers.length; i++) batchers[i]!.flush();
    this.#inbound?.updateStatus();
  }

  /** The owner's component adapter; without one, components run as they are made. */
  get #adapter(): ComponentAdapter {
    return this.#options.adapter ?? IDENTITY_ADAPTER;
  }

  #adapted(component: string, taskId: number): AdaptedTask {
    return { component, taskId, logger: this.#taskLog(component, taskId) };
  }

  /** The logger of a task: made once, then reused (errors of a task are logged with it). */
  #taskLog(component: string, taskId: number): Logger {
    let log = this.#taskLogs.get(taskId);
    if (log === undefined) {
      log = childLogger(this.#options.logger, { component, task: taskId });
      this.#taskLogs.set(taskId, log);
    }
    return log;
  }

  #stats(taskId: number, component: string): TaskStats {
    const s = new TaskStats(taskId, component);
    this.#statsByTask.set(taskId, s);
    return s;
  }

  #startTicks(executor: BoltExecutor, freqSecs: number): void {
    const tick = new TupleImpl([freqSecs], TICK_SCHEMA, SYSTEM_TASK);
    this.#ticks.push(
      this.#clock.setInterval(freqSecs * 1000, () => {
        // Ticks bypass backpressure: they are control, and one per interval cannot grow a queue.
        for (const t of executor.tasks) t.queue.push(tick);
        this.#scheduler.wake();
      }),
    );
  }

  /** Every message timeout, a tick tells each spout task to fail the trees pending for too long. */
  #startTimeouts(executor: SpoutExecutor, timeoutSecs: number): void {
    const tick = new TupleImpl([timeoutSecs], TICK_SCHEMA, SYSTEM_TASK);
    this.#ticks.push(
      this.#clock.setInterval(timeoutSecs * 1000, () => {
        for (const t of executor.tasks) t.queue?.push(tick);
        this.#scheduler.wake();
      }),
    );
  }

  #cancelTicks(): void {
    for (const t of this.#ticks) t.cancel();
    this.#ticks.length = 0;
  }

  #debugLogger(): EmitLogger {
    return (taskId, stream, values, tasks, n) =>
      this.#taskLog(this.plan.taskComponent.get(taskId) ?? '', taskId).info(
        { stream, values, tasks: tasks.slice(0, n) },
        'emit',
      );
  }

  /** ErrorSink: a component's error policy says stop (`onBoltError: 'stopWorker'`). */
  fatal(component: string, taskId: number, error: unknown): void {
    this.#crash(
      new GaleError(
        'COMPONENT_FAILED',
        `'${component}' (task ${taskId}) threw and its onBoltError is 'stopWorker': ${errorMessage(error)}`,
        { cause: error, details: { component, taskId, topology: this.#options.topologyName } },
      ),
    );
  }

  #crash(err: unknown): void {
    if (this.#crashed) return;
    this.#crashed = true;
    // A component's failure is logged as its task's line, so `gale logs --component` shows it.
    const d = err instanceof GaleError ? err.details : {};
    const log =
      d.component !== undefined && d.taskId !== undefined
        ? this.#taskLog(d.component, d.taskId)
        : this.#options.logger;
    log.error({ err: errorMessage(err) }, 'worker crashed');
    this.#scheduler.stop(); // no further step starts, not even in this slice
    void this.stop(0);
    this.#options.onFatal?.(err);
  }
}
