/**
 * A worker process: `node worker-main.js`, driven over its IPC channel by whoever started it (a
 * supervisor in cluster mode; a test's process cluster before that exists). It loads the topology
 * module, listens for its peers on TCP, builds the executors of the tasks assigned to it and runs
 * them; the other workers' tasks are reached through the TCP transport.
 *
 * A malformed command is answered with an `error` report and ignored; a failure to start is
 * reported and ends the process with exit code 1.
 */
import type { Topology } from '../../api/topology.js';
import { createProcessLogger, WorkerRuntime, type Logger } from '../../runtime/index.js';
import { TcpTransport, type TcpAddress } from '../../transport/index.js';
import { workerCommandSchema, type WorkerReport } from './ipc-protocol.js';
import { loadTopologyModule } from '../../runtime/plan/load-topology-module.js';

function report(r: WorkerReport): void {
  process.send?.(r);
}

interface Started {
  readonly workerId: string;
  readonly topologyName: string;
  readonly topology: Topology;
  readonly transport: TcpTransport;
  readonly logger: Logger;
}

let started: Started | null = null;
let runtime: WorkerRuntime | null = null;

function totals(): { emitted: number; executed: number } {
  let emitted = 0;
  let executed = 0;
  for (const s of runtime?.stats() ?? []) {
    emitted += s.emitted;
    executed += s.executed;
  }
  return { emitted, executed };
}

async function handle(raw: unknown): Promise<void> {
  const parsed = workerCommandSchema.safeParse(raw);
  if (!parsed.success) {
    report({
      type: 'error',
      message: `malformed command: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    });
    return;
  }
  const command = parsed.data;
  switch (command.type) {
    case 'start': {
      const logger = createProcessLogger({
        name: 'gale-worker',
        level: 'info',
        pretty: false,
        bindings: { topology: command.topologyName, worker: command.workerId },
      });
      const topology = await loadTopologyModule(command.topologyFile, command.config);
      const transport = new TcpTransport({ workerId: command.workerId, logger });
      const address = await transport.listen();
      started = {
        workerId: command.workerId,
        topologyName: command.topologyName,
        topology,
        transport,
        logger,
      };
      report({ type: 'listening', address });
      return;
    }
    case 'assign': {
      if (started === null) throw new Error('assign before start');
      const { workerId, transport, topology, topologyName, logger } = started;
      const localTasks = command.assignment[workerId] ?? [];
      const remoteTasks = new Map<number, string>();
      for (const [worker, tasks] of Object.entries(command.assignment)) {
        if (worker !== workerId) for (const t of tasks) remoteTasks.set(t, worker);
      }
      transport.setPeers(new Map<string, TcpAddress>(Object.entries(command.addresses)));
      // Every peer connected before any tuple flows: nothing waits on a half-built mesh.
      await waitUntil(() => transport.connected, 30_000, 'peers did not connect');
      runtime = new WorkerRuntime({
        topologyName,
        topology,
        localTasks,
        remoteTasks,
        transport,
        logger,
        onFatal: (err) => {
          report({ type: 'error', message: err instanceof Error ? err.message : String(err) });
          process.exitCode = 1;
        },
      });
      runtime.start();
      report({ type: 'started' });
      return;
    }
    case 'activate':
      runtime?.activate();
      return;
    case 'deactivate':
      runtime?.deactivate();
      return;
    case 'status': {
      if (command.gc) (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      report({
        type: 'status',
        queued: (runtime?.queuedTuples() ?? 0) + (started?.transport.inFlight() ?? 0),
        ...totals(),
        rss: memory.rss,
        heapUsed: memory.heapUsed,
      });
      return;
    }
    case 'stop': {
      const result = runtime === null ? { drained: true } : await runtime.stop(command.drainTimeoutMs);
      await started?.transport.close();
      report({ type: 'stopped', drained: result.drained, ...totals() });
      process.disconnect?.();
      return;
    }
  }
}

function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (cond()) return resolve();
      if (Date.now() > deadline) return reject(new Error(what));
      setTimeout(check, 5);
    };
    check();
  });
}

process.on('message', (raw) => {
  handle(raw).catch((err: unknown) => {
    report({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    process.exitCode = 1;
    process.disconnect?.();
  });
});
