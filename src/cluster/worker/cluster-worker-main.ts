/**
 * A cluster worker process: `node cluster-worker-main.js '<json>'`, started by a supervisor with
 * one JSON argument (validated; a bad one is one line on stderr and exit code 2). The worker runs
 * until its topology no longer assigns it its tasks (exit 0), it fails (exit 1), or SIGTERM (drains,
 * exit 0). Logs are JSON lines on stderr (its supervisor writes them to the worker's log file),
 * every one with the topology, the worker id (`supervisor:port`), the host (the supervisor's
 * address) and the pid; lines about a task add its component and task.
 */
import { z } from 'zod';
import { GaleError } from '../../api/errors.js';
import { childLogger, createProcessLogger, LOG_LEVELS } from '../../runtime/index.js';
import { ClusterStore } from '../store/cluster-store.js';
import { EtcdCoordinationStore } from '../store/etcd-coordination-store.js';
import { workerId } from '../store/records.js';
import { ClusterWorker } from './cluster-worker.js';

export const clusterWorkerArgsSchema = z
  .object({
    endpoints: z.array(z.string().min(1)).min(1),
    prefix: z.string().min(1),
    topology: z.string().min(1),
    supervisor: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    heartbeatTtlSecs: z.number().min(1).max(3600),
    bundleDir: z.string().min(1),
    /** The supervisor's `--worker-log-level` (default info). */
    logLevel: z.enum(LOG_LEVELS).optional(),
  })
  .strict();
export type ClusterWorkerArgs = z.infer<typeof clusterWorkerArgsSchema>;

async function main(): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(process.argv[2] ?? '');
  } catch {
    raw = undefined;
  }
  const parsed = clusterWorkerArgsSchema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(
      `cluster worker: bad arguments: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
    );
    process.exit(2);
  }
  const args = parsed.data;
  const logger = createProcessLogger({
    name: 'gale-worker',
    level: args.logLevel ?? 'info',
    pretty: process.stderr.isTTY === true,
    bindings: { host: args.host, topology: args.topology, worker: workerId(args.supervisor, args.port) },
  });
  const coordination = new EtcdCoordinationStore({ endpoints: args.endpoints, prefix: args.prefix });
  let exiting = false;
  const exit = async (code: number): Promise<void> => {
    if (exiting) return;
    exiting = true;
    await coordination.close().catch(() => undefined);
    process.exit(code);
  };
  const worker = new ClusterWorker({
    store: new ClusterStore(coordination, {
      onInvalid: (key, problem) => logger.warn({ key, problem }, 'invalid record in the cluster store'),
    }),
    topology: args.topology,
    supervisor: args.supervisor,
    host: args.host,
    port: args.port,
    heartbeatTtlSecs: args.heartbeatTtlSecs,
    bundleDir: args.bundleDir,
    logger,
    onEnd: (_reason, failed) => void exit(failed ? 1 : 0),
  });
  process.on('SIGTERM', () => {
    void worker.close().then(() => exit(0));
  });
  try {
    await worker.start();
  } catch (err) {
    // A component that threw in open/prepare: the line is its task's.
    const d = err instanceof GaleError ? err.details : {};
    const log =
      d.component !== undefined && d.taskId !== undefined
        ? childLogger(logger, { component: d.component, task: d.taskId })
        : logger;
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'worker failed to start');
    await worker.close(0).catch(() => undefined);
    await exit(1);
  }
}

void main();
