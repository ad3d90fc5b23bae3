/**
 * What a worker process and the process that started it (a supervisor, or a test's process
 * cluster) say over the IPC channel. Commands to the worker are validated: a bad one is answered
 * with an `error` report and ignored.
 */
import { z } from 'zod';

const address = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535) });

/** Commands to a worker process. */
export const workerCommandSchema = z.discriminatedUnion('type', [
  /** Load the topology module, open the transport; answered by `listening`. */
  z.object({
    type: z.literal('start'),
    topologyFile: z.string().min(1),
    topologyName: z.string().min(1),
    workerId: z.string().min(1),
    /** Config over the module's own (as `gale run --config`). */
    config: z.record(z.string(), z.unknown()).default({}),
  }),
  /** Which tasks run where, and where each worker listens; answered by `started`. */
  z.object({
    type: z.literal('assign'),
    assignment: z.record(z.string(), z.array(z.number().int().min(1))),
    addresses: z.record(z.string(), address),
  }),
  z.object({ type: z.literal('activate') }),
  z.object({ type: z.literal('deactivate') }),
  /** Answered by `status`; with `gc`, after a full collection when the process allows it. */
  z.object({ type: z.literal('status'), gc: z.boolean().default(false) }),
  /** Stop gracefully; answered by `stopped`, then the process exits. */
  z.object({ type: z.literal('stop'), drainTimeoutMs: z.number().int().min(0).default(30_000) }),
]);
export type WorkerCommand = z.input<typeof workerCommandSchema>;

/** Reports from a worker process. */
export type WorkerReport =
  | { readonly type: 'listening'; readonly address: { host: string; port: number } }
  | { readonly type: 'started' }
  | {
      readonly type: 'status';
      /** Tuples queued locally or waiting in the transport. */
      readonly queued: number;
      readonly emitted: number;
      readonly executed: number;
      /** Resident set and JS heap in use, bytes. */
      readonly rss: number;
      readonly heapUsed: number;
    }
  | {
      readonly type: 'stopped';
      readonly drained: boolean;
      readonly emitted: number;
      readonly executed: number;
    }
  | { readonly type: 'error'; readonly message: string };
