/**
 * One subprocess of a shell component: started with pipes, handshake (setup message out, `{pid}`
 * back), messages both ways, its stderr logged line by line with the component's context, and a
 * stop that sends SIGTERM and then SIGKILL after a grace period. Owns a process and its pipes:
 * `stop()` is idempotent, and every pid it started is killed by then.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from '../runtime/index.js';
import { frame, FramingError, MessageReader } from './message-framing.js';
import { subprocessError, type ShellWho } from './multilang-error.js';

export interface ShellProcessOptions {
  readonly command: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>> | undefined;
  readonly component: string;
  readonly taskId: number;
  readonly logger: Logger;
  /** A message from the subprocess (after the handshake). */
  readonly onMessage: (message: Record<string, unknown>) => void;
  /** Called after the messages of each chunk of output were handled. */
  readonly onChunkEnd?: () => void;
  /** The subprocess failed: it exited, wrote something that is not a message, or its pipe broke. */
  readonly onFailure: (error: Error) => void;
  /** Most stderr kept for error messages (default 4 KiB). */
  readonly stderrTailBytes?: number;
}

/** The environment of the subprocess: the worker's, `PATH` appended to, other keys replaced. */
export function childEnv(
  base: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> | undefined,
): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const [key, value] of Object.entries(extra ?? {})) {
    env[key] = key === 'PATH' && base['PATH'] !== undefined ? `${base['PATH']}:${value}` : value;
  }
  return env;
}

/** Children still running: killed when this process exits, whatever the reason (none is left). */
const live = new Set<ChildProcessWithoutNullStreams>();
let exitHook = false;

function track(child: ChildProcessWithoutNullStreams): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

export class ShellProcess {
  readonly #o: ShellProcessOptions;
  readonly #reader = new MessageReader();
  #child: ChildProcessWithoutNullStreams | null = null;
  #pid: number | null = null;
  #handshake: { resolve: (pid: number) => void; reject: (err: Error) => void } | null = null;
  #stderrTail = '';
  #stderrLine = '';
  #failed = false;
  #stopping: Promise<void> | null = null;
  #exited: Promise<void> = Promise.resolve();

  constructor(options: ShellProcessOptions) {
    this.#o = options;
  }

  /** The pid the subprocess reported in the handshake, `null` before. */
  get pid(): number | null {
    return this.#pid;
  }

  get who(): ShellWho {
    return {
      component: this.#o.component,
      taskId: this.#o.taskId,
      command: this.#o.command,
      pid: this.#pid ?? this.#child?.pid ?? null,
    };
  }

  /** The last stderr text, for error messages. */
  get stderrTail(): string {
    return this.#stderrTail;
  }

  /**
   * Starts the subprocess and sends `setup`; resolves with the pid it answers, rejects when it
   * fails first or `timeoutMs` passes.
   */
  start(setup: unknown, timeoutMs: number): Promise<number> {
    const { command, cwd, env } = this.#o;
    const child = spawn(command[0]!, command.slice(1), {
      cwd,
      env: childEnv(process.env, env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child = child;
    track(child);
    this.#exited = new Promise((resolve) => child.once('close', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => this.#onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.#onStderr(chunk));
    child.stdin.on('error', (err) => this.#fail(`its stdin broke: ${err.message}`));
    child.once('error', (err) => this.#fail(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => {
      this.#flushStderr();
      if (this.#stopping === null) this.#fail(`exited (${signal === null ? `code ${code}` : signal})`);
    });
    const pid = new Promise<number>((resolve, reject) => {
      this.#handshake = { resolve, reject };
    });
    const timer = setTimeout(() => this.#fail(`no pid within ${timeoutMs} ms of the handshake`), timeoutMs);
    this.write(setup);
    return pid.finally(() => clearTimeout(timer));
  }

  /**
   * Writes one message; false when the pipe's buffer is full (wait for {@link onDrain}). Messages
   * written in one turn of the event loop (a scheduler step's tuples, the replies to one chunk) go
   * to the pipe in one write: the stream is corked on the first and uncorked once the turn ends.
   */
  write(message: unknown): boolean {
    const child = this.#child;
    if (child === null || this.#failed || this.#stopping !== null || !child.stdin.writable) return true;
    if (!this.#corked) {
      this.#corked = true;
      child.stdin.cork();
      queueMicrotask(this.#uncork);
    }
    return child.stdin.write(frame(message));
  }

  #corked = false;

  readonly #uncork = (): void => {
    this.#corked = false;
    this.#child?.stdin.uncork();
  };

  /** Calls `handler` once the stdin buffer has drained. */
  onDrain(handler: () => void): void {
    this.#child?.stdin.once('drain', handler);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  stop(graceMs = 2000): Promise<void> {
    this.#stopping ??= (async () => {
      const child = this.#child;
      if (child === null || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.#exited;
      clearTimeout(timer);
    })();
    return this.#stopping;
  }

  #onStdout(chunk: Buffer): void {
    if (this.#failed || this.#stopping !== null) return; // late output while stopping is tolerated
    let messages: unknown[];
    try {
      messages = this.#reader.push(chunk);
    } catch (err) {
      const what = err instanceof FramingError ? `wrote ${err.message}` : String(err);
      this.#fail(
        this.#handshake === null ? what : `${what}, before its pid (the handshake wants {"pid": n} first)`,
      );
      return;
    }
    for (const m of messages) {
      if (this.#failed || this.#stopping !== null) return;
      if (typeof m !== 'object' || m === null || Array.isArray(m)) {
        this.#fail(`wrote a message that is not a JSON object: ${JSON.stringify(m).slice(0, 200)}`);
        return;
      }
      const message = m as Record<string, unknown>;
      const handshake = this.#handshake;
      if (handshake !== null) {
        const pid = message['pid'];
        if (typeof pid !== 'number' || !Number.isInteger(pid)) {
          this.#fail(
            `wrote ${JSON.stringify(message).slice(0, 200)} before its pid (the handshake wants {"pid": n} first)`,
          );
          return;
        }
        this.#handshake = null;
        this.#pid = pid;
        handshake.resolve(pid);
        continue;
      }
      this.#o.onMessage(message);
    }
    if (!this.#failed && this.#stopping === null) this.#o.onChunkEnd?.();
  }

  #onStderr(chunk: Buffer): void {
    const text = chunk.toString('utf8');
    const max = this.#o.stderrTailBytes ?? 4096;
    this.#stderrTail = (this.#stderrTail + text).slice(-max);
    const lines = (this.#stderrLine + text).split('\n');
    this.#stderrLine = lines.pop() ?? '';
    // A runaway writer must not flood the log: lines are cut at 4 KiB.
    for (const line of lines) this.#logStderr(line);
  }

  #flushStderr(): void {
    if (this.#stderrLine !== '') this.#logStderr(this.#stderrLine);
    this.#stderrLine = '';
  }

  #logStderr(line: string): void {
    if (line.trim() === '') return;
    this.#o.logger.info(
      {
        component: this.#o.component,
        task: this.#o.taskId,
        pid: this.#pid ?? this.#child?.pid,
        stderr: line.slice(0, 4096),
      },
      'subprocess stderr',
    );
  }

  #fail(what: string): void {
    if (this.#failed || this.#stopping !== null) return;
    this.#failed = true;
    const err = subprocessError(this.who, what, this.#stderrTail);
    const handshake = this.#handshake;
    this.#handshake = null;
    if (handshake !== null) handshake.reject(err);
    else this.#o.onFailure(err);
    void this.stop(0);
  }
}
