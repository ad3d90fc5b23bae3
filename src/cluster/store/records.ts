/**
 * What the cluster keeps in its store, as zod schemas: every record read back is validated, since
 * another process (or another version of Gale) wrote it. Times are epoch milliseconds.
 */
import { z } from 'zod';

const name = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'letters, digits, ".", "_" and "-", starting with a letter or digit',
  );
const taskId = z.number().int().min(0);
const port = z.number().int().min(1).max(65_535);

/** A topology name (also the key it is stored under). */
export const topologyNameSchema = name;
/** A supervisor id (also the key it is stored under). */
export const supervisorIdSchema = name;

export const topologyStatusSchema = z.enum(['active', 'inactive', 'killed']);
export type TopologyStatus = z.infer<typeof topologyStatusSchema>;

/** The topology's graph for the UI: user components, their kind, tasks and inputs. */
export const topologyGraphSchema = z
  .object({
    components: z
      .array(
        z
          .object({
            id: z.string().min(1).max(200),
            kind: z.enum(['spout', 'bolt']),
            parallelism: z.number().int().min(1),
            tasks: z.number().int().min(1),
            streams: z.array(z.string()).max(1000),
            inputs: z
              .array(
                z
                  .object({
                    component: z.string().min(1),
                    stream: z.string().min(1),
                    grouping: z.string().min(1),
                    fields: z.array(z.string()).optional(),
                  })
                  .strict(),
              )
              .max(1000),
          })
          .strict(),
      )
      .max(10_000),
  })
  .strict();

export const topologyRecordSchema = z
  .object({
    name,
    /** Unique per submission: a topology killed and submitted again under its name is another one. */
    id: z.string().min(1).max(200),
    /** Content hash of the bundle (sha256, hex). */
    bundle: z.string().regex(/^[0-9a-f]{64}$/),
    /** Topology config overrides given at submission, applied over the module's own. */
    config: z.record(z.string(), z.unknown()),
    workers: z.number().int().min(1).max(1024),
    /** The executors (tasks that run together), computed at submission from the topology. */
    executors: z
      .array(z.object({ component: z.string().min(1), taskIds: z.array(taskId).min(1) }).strict())
      .min(1),
    status: topologyStatusSchema,
    submittedAt: z.number().int().min(0),
    /** When killed: how long workers may drain before they are stopped, and since when. */
    killWaitSecs: z.number().min(0).max(86_400).optional(),
    killedAt: z.number().int().min(0).optional(),
    /** Raised by every `gale rebalance`: the assignment is then made afresh. */
    rebalance: z.number().int().min(0).default(0),
    /** Its graph (user components), for the UI; absent in records of older versions. */
    graph: topologyGraphSchema.optional(),
    /**
     * The directories of its shell components (their `cwd`), shipped with it: each is stored as a
     * resources archive by its content hash, as bundles are, and unpacked by the workers. Absent in
     * records of older versions and of topologies without shell components.
     */
    resources: z
      .array(
        z
          .object({
            /** The directory as the submitting machine resolved it (absolute). */
            dir: z.string().min(1).max(4096),
            /** Content hash of the archive (sha256, hex), stored as a bundle. */
            hash: z.string().regex(/^[0-9a-f]{64}$/),
            /** The shell components that run in it. */
            components: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
  })
  .strict();
export type TopologyRecord = z.infer<typeof topologyRecordSchema>;

export const bundleMetaSchema = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(0),
    chunks: z.number().int().min(0),
  })
  .strict();
export type BundleMeta = z.infer<typeof bundleMetaSchema>;

export const supervisorRecordSchema = z
  .object({
    id: name,
    /** Address other workers reach this machine's workers at. */
    host: z.string().min(1).max(255),
    /** The ports of its worker slots. */
    slots: z.array(port).max(1024),
    startedAt: z.number().int().min(0),
    /** Where its log server answers (`http://host:port`): `gale logs` reads workers' logs there. */
    logUrl: z
      .string()
      .max(300)
      .regex(/^http:\/\/[^\s/]+$/)
      .optional(),
  })
  .strict();
export type SupervisorRecord = z.infer<typeof supervisorRecordSchema>;

/** A nimbus process, registered under its own lease whether it leads or stands by. */
export const nimbusRecordSchema = z
  .object({ id: z.string().min(1).max(300), startedAt: z.number().int().min(0) })
  .strict();
export type NimbusRecord = z.infer<typeof nimbusRecordSchema>;

/** One worker of an assignment: a slot of a supervisor, and the tasks it runs. */
export const workerAssignmentSchema = z
  .object({
    supervisor: name,
    host: z.string().min(1).max(255),
    port,
    tasks: z.array(taskId),
  })
  .strict();
export type WorkerAssignment = z.infer<typeof workerAssignmentSchema>;

export const assignmentRecordSchema = z
  .object({
    topology: name,
    topologyId: z.string().min(1).max(200),
    /** Increases with every change, so workers can tell a newer assignment. */
    version: z.number().int().min(1),
    /** The topology's `rebalance` this assignment was made for. */
    rebalance: z.number().int().min(0).default(0),
    workers: z.array(workerAssignmentSchema),
  })
  .strict();
export type AssignmentRecord = z.infer<typeof assignmentRecordSchema>;

const count = z.number().min(0);
const latencySchema = z
  .object({ count, meanMs: count, p50Ms: count, p99Ms: count, p999Ms: count, maxMs: count })
  .strict()
  .nullable()
  .default(null);

/** A task's counters in a heartbeat (the runtime's task snapshot). */
export const taskStatsSchema = z
  .object({
    task: taskId,
    component: z.string(),
    emitted: count,
    transferred: count.default(0),
    executed: count,
    acked: count,
    failed: count,
    errors: count.default(0),
    busyMs: count.default(0),
    backpressureMs: count.default(0),
    queueDepth: count.default(0),
    outputs: z
      .array(z.object({ stream: z.string(), target: z.string(), delivered: count }).strict())
      .max(10_000)
      .default([]),
    executeLatency: latencySchema,
    processLatency: latencySchema,
    completeLatency: latencySchema,
  })
  .strict();

/** The worker process in a heartbeat. */
export const processStatsSchema = z
  .object({
    uptimeSecs: count,
    rssBytes: count,
    heapUsedBytes: count,
    heapTotalBytes: count,
    eventLoopDelayMs: z.object({ p50: count, p99: count, max: count }).strict(),
  })
  .strict();

/** An error a task reported, in a heartbeat. */
export const errorRecordSchema = z
  .object({
    component: z.string(),
    taskId: z.number().int(),
    time: count,
    message: z.string().max(10_000),
    code: z.string().max(100).optional(),
    tuple: z.string().max(10_000).optional(),
    stack: z.string().max(20_000).optional(),
  })
  .strict();

export const workerHeartbeatSchema = z
  .object({
    topology: name,
    topologyId: z.string().min(1).max(200),
    supervisor: name,
    port,
    pid: z.number().int().min(0),
    /** The assignment version the worker runs. */
    version: z.number().int().min(0),
    time: z.number().int().min(0),
    uptimeSecs: z.number().min(0),
    tasks: z.array(taskId),
    /** Counters of each of its tasks since the worker started (for `gale list` and the UI). */
    stats: z.array(taskStatsSchema).default([]),
    /** Its process: memory and event loop. */
    process: processStatsSchema.optional(),
    /** Its tasks' latest errors, oldest first. */
    errors: z.array(errorRecordSchema).max(1000).default([]),
    /** Where it serves Prometheus metrics (`http://host:port/metrics`). */
    metricsUrl: z.string().max(300).optional(),
  })
  .strict();
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;
/** A heartbeat as written: `stats` may be left out. */
export type WorkerHeartbeatInput = z.input<typeof workerHeartbeatSchema>;

/** The id of a worker slot: `supervisor:port`. */
export function workerId(supervisor: string, port: number): string {
  return `${supervisor}:${port}`;
}
