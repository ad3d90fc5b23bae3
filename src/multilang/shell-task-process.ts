/**
 * The subprocess of one shell component's task, across its restarts (bolt or spout alike): it
 * starts the process and its handshake, tracks when it last heard from it, runs the runner's
 * watch once a second, and when the process fails reports the error as the component's, stops
 * the process, lets the runner forget its state and starts a new one after a backoff (1 s
 * doubling to 30 s). It also handles the commands bolts and spouts share (`log`, `error`,
 * `metrics`). `close()` stops it for good; idempotent. The runners (`ShellBoltRunner`,
 * `ShellSpoutRunner`) hold only what their protocol side needs.
 */
import type { ShellSpec } from '../api/shell-component.js';
import type { TopologyContext } from '../api/topology-context.js';
import type { Logger } from '../runtime/index.js';
import { subprocessError } from './multilang-error.js';
import { RestartBackoff } from './restart-backoff.js';
import { logShellMessage } from './shell-log.js';
import { ShellMetrics } from './shell-metrics.js';
import { ShellProcess } from './shell-process.js';
import { pidFile, setupFor } from './shell-setup.js';

const WATCH_MS = 1000;

export interface ShellTaskHooks {
  /** A message from the current process (not from one that failed or is stopping). */
  onMessage(message: Record<string, unknown>): void;
  /** After the messages of one chunk. */
  onChunkEnd(): void;
  /** The process answered the handshake: it takes input now. */
  onReady(): void;
  /** Once a second while it runs. */
  onWatch(): void;
  /** The process failed: forget what it held; returns fields for the log line. */
  onFailed(): Record<string, unknown>;
  /** A new process is starting after a failure. */
  onRestart(): void;
  /** Records an error of the component (its collector's `reportError`). */
  report(err: unknown): void;
}

export class ShellTaskProcess {
  readonly #spec: ShellSpec;
  readonly #context: TopologyContext;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #hooks: ShellTaskHooks;
  readonly #backoff = new RestartBackoff();
  /** The shell metrics the subprocess updated (its options declare them). */
  readonly metrics: ShellMetrics;
  #process: ShellProcess | null = null;
  #ready = false;
  #closed = false;
  #lastHeard = 0;
  #watchTimer: NodeJS.Timeout | null = null;
  #restartTimer: NodeJS.Timeout | null = null;

  constructor(spec: ShellSpec, context: TopologyContext, logger: Logger, hooks: ShellTaskHooks) {
    this.#spec = spec;
    this.#context = context;
    this.#logger = logger;
    this.#timeoutMs = context.config.subprocessTimeoutSecs * 1000;
    this.#hooks = hooks;
    this.metrics = new ShellMetrics(spec.options.metrics ?? []);
  }

  /**
   * Handles the commands bolts and spouts share (`log`, `error`, `metrics`); false for any other.
   * A malformed one is a protocol failure.
   */
  handleShared(command: string, m: Record<string, unknown>): boolean {
    switch (command) {
      case 'log':
      case 'error':
        logShellMessage(
          command,
          m,
          this.#context,
          this.#logger,
          { reportError: (err) => this.#hooks.report(err) },
          (why) => this.protocol(why),
        );
        return true;
      case 'metrics': {
        const problem = this.metrics.update(m['name'], m['params']);
        if (problem !== null) this.protocol(problem);
        return true;
      }
      default:
        return false;
    }
  }

  /** Starts the first process and the watch. */
  start(): void {
    this.#launch();
    this.#watchTimer = setInterval(() => {
      if (this.#ready && !this.#closed) this.#hooks.onWatch();
    }, WATCH_MS);
    this.#watchTimer.unref();
  }

  /** Whether the current process answered its handshake and has not failed. */
  get ready(): boolean {
    return this.#ready;
  }

  /** `subprocessTimeoutSecs` in ms: the handshake's limit, and what runners compare {@link silentMs} with. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Milliseconds since the process last wrote (or since {@link heard} was called). */
  silentMs(): number {
    return Date.now() - this.#lastHeard;
  }

  /** Restarts the silence count (a command was just sent that wants an answer). */
  heard(): void {
    this.#lastHeard = Date.now();
  }

  /** Writes to the current process; false when its pipe is full (see `ShellProcess.write`). */
  write(message: unknown): boolean {
    return this.#process?.write(message) ?? true;
  }

  /** Calls `handler` once the current process's stdin has drained. */
  onDrain(handler: () => void): void {
    this.#process?.onDrain(handler);
  }

  /** The process broke the protocol: `what` it did, reported with its last stderr. */
  protocol(what: string): void {
    const p = this.#process;
    if (p !== null) this.fail(subprocessError(p.who, what, p.stderrTail));
  }

  /** The process failed (`err` names it and what it did): report, stop it, restart after a backoff. */
  fail(err: Error): void {
    if (this.#closed || this.#process === null) return;
    const dead = this.#process;
    this.#process = null;
    this.#ready = false;
    this.#hooks.report(err);
    const fields = this.#hooks.onFailed();
    void dead.stop().then(() => pidFile.remove(dead.pid));
    const delay = this.#backoff.next();
    this.#logger.warn(
      {
        component: this.#context.thisComponentId,
        task: this.#context.thisTaskId,
        ...fields,
        restartInMs: delay,
        err: err.message,
      },
      'subprocess failed: restarting',
    );
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (this.#closed) return;
      this.#launch();
      this.#hooks.onRestart();
    }, delay);
  }

  /** Stops the process (SIGTERM, then SIGKILL) and every timer; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#watchTimer !== null) clearInterval(this.#watchTimer);
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    const p = this.#process;
    this.#process = null;
    this.#ready = false;
    if (p !== null) void p.stop().then(() => pidFile.remove(p.pid));
  }

  #launch(): void {
    this.#lastHeard = Date.now();
    const context = this.#context;
    const p: ShellProcess = new ShellProcess({
      command: this.#spec.command,
      cwd: this.#spec.options.cwd,
      env: this.#spec.options.env,
      component: context.thisComponentId,
      taskId: context.thisTaskId,
      logger: this.#logger,
      onMessage: (m) => {
        if (this.#process !== p || this.#closed) return;
        this.#lastHeard = Date.now();
        this.#hooks.onMessage(m);
      },
      onChunkEnd: () => {
        if (this.#process === p) this.#hooks.onChunkEnd();
      },
      onFailure: (err) => {
        if (this.#process === p) this.fail(err);
      },
    });
    this.#process = p;
    p.start(setupFor(context), this.#timeoutMs).then(
      (pid) => {
        if (this.#process !== p) return;
        this.#logger.info(
          { component: context.thisComponentId, task: context.thisTaskId, pid },
          'launched subprocess',
        );
        this.#ready = true;
        this.#lastHeard = Date.now();
        this.#backoff.started();
        this.#hooks.onReady();
      },
      (err: unknown) => {
        if (this.#process === p) this.fail(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }
}
