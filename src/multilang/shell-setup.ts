/**
 * The setup message a subprocess gets (pid directory, conf, context) and the worker's pid
 * directory, where each subprocess writes an empty file named after its pid (as Storm's
 * libraries do); the files are removed as their processes stop.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { TopologyContext } from '../api/topology-context.js';
import { setupMessage } from './setup-message.js';

/** The pid directory of worker process `workerPid`. */
function pidDirOf(workerPid: number): string {
  return join(tmpdir(), 'gale-pids', String(workerPid));
}

/** This worker process's pid directory (one per process, made on first use). */
function pidDir(): string {
  const dir = pidDirOf(process.pid);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const pidFile = {
  /** Removes the pid file of `pid`, if any. */
  remove(pid: number | null): void {
    if (pid === null) return;
    rmSync(join(pidDirOf(process.pid), String(pid)), { force: true });
  },

  /**
   * After worker process `workerPid` died without stopping its subprocesses (SIGKILL, a crash):
   * SIGKILLs every subprocess its pid directory still lists, removes the directory, and returns the
   * pids it signalled. The worker removes a pid file as soon as its process is gone, so what is left
   * was alive when the worker died. Called by the supervisor (Storm's does the same), and by every
   * process for itself as it exits.
   */
  killLeftBy(workerPid: number): number[] {
    const dir = pidDirOf(workerPid);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const killed: number[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (!/^\d+$/.test(name) || pid <= 1 || pid === process.pid) continue;
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
    return killed;
  },
};

// When this process exits, no subprocess of its shell components (those of its worker threads
// included) is left, and neither is its pid directory: a pid file still there is a subprocess that
// did not finish stopping, or one whose file a thread ended too soon to remove.
if (isMainThread) process.once('exit', () => pidFile.killLeftBy(process.pid));

/** The setup message for the task of `context`. */
export function setupFor(context: TopologyContext): Record<string, unknown> {
  return setupMessage(context, pidDir());
}
