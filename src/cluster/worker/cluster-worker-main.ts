/**
 * A cluster worker process: `node cluster-worker-main.js '<json>'`, started by a supervisor with
 * one JSON argument (validated; a bad one is one line on stderr and exit code 2). The worker runs
 * until its topology no longer assigns it its tasks (exit 0), it fails (exit 1), or SIGTERM (drains,
 * exit 0). Logs are JSON lines on stderr.
 */
import { z } from 'zod';
import { ClusterStore } from '../store/cluster-store.js';
import { EtcdCoordinationStore } from '../store/etcd-coordination-store.js';
import { ClusterWorker } from './cluster-worker.js';
import { stderrLogger } from './stderr-logger.js';

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
  const logger = stderrLogger({
    topology: args.topology,
    worker: `${args.supervisor}:${args.port}`,
    pid: process.pid,
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
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'worker failed to start');
    await worker.close(0).catch(() => undefined);
    await exit(1);
  }
}

void main();
