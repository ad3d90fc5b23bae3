/**
 * Follows the log files of one topology in a directory, for one `follow` request: every
 * `pollMs` it lists the topology's files (a worker may start on another slot meanwhile), reads
 * what each gained since the last poll (complete lines only, at most `MAX_POLL_BYTES` per file per
 * poll) and hands the wanted ones over, ordered by time.
 *
 * Polling rather than `fs.watch`: it is bounded by construction (one timer, a few `stat`s per
 * poll), works on every file system, and a client waits at most `pollMs` for a line. A poll is
 * skipped while `ready()` says the client has not taken the last lines yet (backpressure), and
 * polls never overlap.
 */
import {
  finishLines,
  logFilePath,
  readFrom,
  readLine,
  topologyLogFiles,
  type LineSource,
  type LogLine,
  type ReadLine,
} from './log-files.js';

/** A follower reads at most this many bytes of one file per poll. */
export const MAX_POLL_BYTES = 1 << 20;

/** Options of a {@link LogFollower}. */
export interface LogFollowerOptions {
  readonly dir: string;
  /** What is followed; `port` of the source is taken from each file. */
  readonly source: Omit<LineSource, 'port'>;
  /** Where each file's history ended (file name to offset); other files are read from the start. */
  readonly from: ReadonlyMap<string, number>;
  /** The time of the last line sent of each file, for lines without their own. */
  readonly lastTimes?: ReadonlyMap<string, number>;
  readonly pollMs: number;
  /** New lines, ordered by time. */
  readonly onLines: (lines: readonly LogLine[]) => void;
  /** False while the client has not taken what was sent: the poll is skipped. */
  readonly ready: () => boolean;
  /** A poll failed (the directory went away, ...): reported once, polling goes on. */
  readonly onError?: (err: unknown) => void;
}

/** Follows one topology's log files for one request; see the file's comment. */
export class LogFollower implements AsyncDisposable {
  readonly #o: LogFollowerOptions;
  readonly #offsets: Map<string, number>;
  readonly #lastTimes: Map<string, number>;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;
  #closing: Promise<void> | null = null;
  #warned = false;

  constructor(options: LogFollowerOptions) {
    this.#o = options;
    this.#offsets = new Map(options.from);
    this.#lastTimes = new Map(options.lastTimes ?? []);
  }

  start(): void {
    if (this.#closing === null && this.#timer === null) this.#schedule();
  }

  /** Reads once now (tests; the timer does this every `pollMs`). */
  async pollOnce(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => (this.#polling = null));
    return this.#polling;
  }

  /** Stops polling; resolves once a poll under way has finished. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      await this.#polling?.catch(() => undefined);
    })();
    return this.#closing;
  }

  /** {@link LogFollower.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#closing !== null) return;
      void this.pollOnce()
        .catch((err: unknown) => {
          if (!this.#warned) this.#o.onError?.(err);
          this.#warned = true;
        })
        .finally(() => {
          if (this.#closing === null) this.#schedule();
        });
    }, this.#o.pollMs);
  }

  async #poll(): Promise<void> {
    if (!this.#o.ready()) return;
    const { dir, source } = this.#o;
    const out: LogLine[] = [];
    for (const file of await topologyLogFiles(dir, source.topology)) {
      if (this.#closing !== null) return;
      const offset = this.#offsets.get(file.name) ?? 0;
      const inc = await readFrom(logFilePath(dir, file), offset, MAX_POLL_BYTES);
      this.#offsets.set(file.name, inc.next);
      if (inc.lines.length === 0) continue;
      const fileSource: LineSource = { ...source, port: file.port };
      const read: ReadLine[] = [];
      for (const text of inc.lines) {
        const l = readLine(text, fileSource);
        if (l !== null) read.push(l);
      }
      const lines = finishLines(read, fileSource, this.#lastTimes.get(file.name) ?? 0);
      const last = lines.at(-1);
      if (last !== undefined) this.#lastTimes.set(file.name, last.time);
      out.push(...lines);
    }
    if (out.length > 0 && this.#closing === null) this.#o.onLines(out.sort((a, b) => a.time - b.time));
  }
}
