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
    stats: z
      .array(
        z
          .object({
            task: taskId,
            component: z.string(),
            emitted: z.number().min(0),
            executed: z.number().min(0),
            acked: z.number().min(0),
            failed: z.number().min(0),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;
/** A heartbeat as written: `stats` may be left out. */
export type WorkerHeartbeatInput = z.input<typeof workerHeartbeatSchema>;

/** The id of a worker slot: `supervisor:port`. */
export function workerId(supervisor: string, port: number): string {
  return `${supervisor}:${port}`;
}
