/**
 * Keeps a supervisor's worker log files bounded: every few seconds, a `<topology>-<port>.log` over
 * `maxBytes` is copied to `<file>.1` (older copies shift to `.2` ... `.<keep>`, the oldest is
 * dropped) and truncated to nothing, as logrotate's `copytruncate` does. The worker keeps writing
 * through its descriptor, opened to append, so its next line lands at the new start of the file; a
 * line written between the copy and the truncation is lost (the known cost of copytruncate, a
 * window of one copy). Followers of the file (`gale logs --follow`) read a shorter file from its
 * start. `close()` stops it; idempotent.
 */
import { copyFile, readdir, rename, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../runtime/index.js';

/** A worker's log file, not a rotated copy of one. */
const WORKER_LOG = /^.+-\d{1,5}\.log$/;

export interface LogRotatorOptions {
  readonly dir: string;
  /** A file larger than this is rotated; 0 never rotates. */
  readonly maxBytes: number;
  /** Rotated copies kept (`.1` newest); 0 keeps none (the file is only truncated). */
  readonly keep: number;
  /** How often the sizes are checked (default 5 s). */
  readonly intervalMs?: number;
  readonly logger: Logger;
}

export class LogRotator {
  readonly #o: LogRotatorOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<string[]> | null = null;
  #closed = false;

  constructor(options: LogRotatorOptions) {
    this.#o = options;
  }

  /** Checks the files every `intervalMs` from now on (nothing when `maxBytes` is 0). */
  start(): void {
    if (this.#closed || this.#timer !== null || this.#o.maxBytes <= 0) return;
    this.#timer = setInterval(() => void this.check(), this.#o.intervalMs ?? 5000);
    this.#timer.unref();
  }

  /** Rotates every worker log file over the limit now; resolves with their names. */
  check(): Promise<string[]> {
    this.#running ??= this.#check().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Stops checking and waits for a check under way; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #check(): Promise<string[]> {
    const { dir, maxBytes, logger } = this.#o;
    if (maxBytes <= 0 || this.#closed) return [];
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const rotated: string[] = [];
    for (const name of names) {
      if (!WORKER_LOG.test(name)) continue;
      try {
        if ((await stat(join(dir, name))).size <= maxBytes) continue;
        await this.#rotate(join(dir, name));
        rotated.push(name);
      } catch (err) {
        // A file removed meanwhile, a full disk: said once per check, tried again at the next.
        logger.warn(
          { file: name, err: err instanceof Error ? err.message : String(err) },
          'could not rotate a worker log file',
        );
      }
    }
    if (rotated.length > 0) logger.info({ files: rotated, maxBytes }, 'rotated worker log files');
    return rotated;
  }

  async #rotate(path: string): Promise<void> {
    const keep = this.#o.keep;
    for (let k = keep - 1; k >= 1; k--) {
      try {
        await rename(`${path}.${k}`, `${path}.${k + 1}`);
      } catch (err) {
        if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
      }
    }
    if (keep > 0) await copyFile(path, `${path}.1`);
    await truncate(path, 0);
  }
}
