/**
 * A worker thread of a threaded local topology: loads the topology module, runs the executors
 * of its tasks on its own event loop, and reaches the other workers' tasks through worker ports.
 * Its log lines go to the main thread's logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { childLogger, loadTopologyModule, WorkerRuntime, type Logger } from '../runtime/index.js';
import { PortTransport } from '../transport/index.js';
import { shellAdapter } from '../multilang/shell-adapter.js';
import { ProcessProbe } from '../metrics/process-probe.js';
import type { ThreadCommand, ThreadReport, ThreadWorkerData } from './thread-protocol.js';

const port = parentPort!;
const data = workerData as ThreadWorkerData;

function report(r: ThreadReport): void {
  port.postMessage(r);
}

const enabled = new Set<string>(data.logLevels);
const forward =
  (level: ThreadWorkerData['logLevels'][number]) => (fields: Record<string, unknown>, message: string) => {
    if (enabled.has(level)) report({ type: 'log', level, fields, message });
  };
// Bound here, so every line the main thread writes says which topology and thread it is from.
const logger: Logger = childLogger(
  {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    isLevelEnabled: (level) => enabled.has(level),
  },
  { topology: data.topologyName, worker: data.workerId },
);

async function main(): Promise<void> {
  // A TypeScript module (gale run file.ts): this thread needs tsx's loader too.
  if (/\.[cm]?ts$/.test(data.topologyFile)) (await import('tsx/esm/api')).register();
  const topology = await loadTopologyModule(data.topologyFile, data.config);
  const transport = new PortTransport({
    workerId: data.workerId,
    logger,
    ports: new Map(Object.entries(data.ports)),
  });
  const runtime = new WorkerRuntime({
    adapter: shellAdapter,
    topologyName: data.topologyName,
    topology,
    localTasks: data.localTasks,
    remoteTasks: new Map(data.remoteTasks),
    transport,
    logger,
    onFatal: (err) => report({ type: 'fatal', message: err instanceof Error ? err.message : String(err) }),
  });
  const probe = new ProcessProbe();
  port.on('message', (command: ThreadCommand) => {
    switch (command.type) {
      case 'activate':
        runtime.activate();
        return;
      case 'deactivate':
        runtime.deactivate();
        return;
      case 'status':
        report({
          type: 'status',
          queued: runtime.queuedTuples() + transport.inFlight(),
          tasks: runtime.stats(),
          errors: runtime.errors.list(),
          process: probe.sample(),
        });
        return;
      case 'stop':
        void (async () => {
          const result = await runtime.stop(command.drainTimeoutMs);
          await transport.close();
          probe.close();
          report({ type: 'stopped', report: result, tasks: runtime.stats(), errors: runtime.errors.list() });
          port.close();
        })();
        return;
    }
  });
  runtime.start();
  report({ type: 'started' });
}

main().catch((err: unknown) => {
  report({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  port.close();
});
