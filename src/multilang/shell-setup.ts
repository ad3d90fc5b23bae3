/**
 * The setup message a subprocess gets (pid directory, conf, context) and the worker's pid
 * directory, where each subprocess writes an empty file named after its pid (as Storm's
 * libraries do); the files are removed as their processes stop.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopologyContext } from '../api/topology-context.js';
import { setupMessage } from './setup-message.js';

/** This worker process's pid directory (one per process, made on first use). */
function pidDir(): string {
  const dir = join(tmpdir(), 'gale-pids', String(process.pid));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const pidFile = {
  /** Removes the pid file of `pid`, if any. */
  remove(pid: number | null): void {
    if (pid === null) return;
    rmSync(join(tmpdir(), 'gale-pids', String(process.pid), String(pid)), { force: true });
  },
};

/** The setup message for the task of `context`. */
export function setupFor(context: TopologyContext): Record<string, unknown> {
  return setupMessage(context, pidDir());
}
