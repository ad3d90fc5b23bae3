/**
 * What runs a {@link ShellSpout} inside a worker, in lock-step as Storm's ShellSpout: one command
 * at a time (`next`, `ack`, `fail`, `activate`, `deactivate`), then the subprocess's emits, logs
 * and errors until its `sync`. Gale's spout loop never waits: `nextTuple` sends `next` when no
 * command is outstanding, and the answers are handled as they arrive. Acks and fails that come
 * meanwhile queue up and go out in order, before the next `next`.
 *
 * A subprocess that stays silent longer than `subprocessTimeoutSecs` while a command is
 * outstanding, exits, writes garbage or sends a command a spout may not send is reported and
 * restarted after a backoff; the worker never goes down for it. Its tuple trees time out and are
 * failed as usual (a new subprocess does not know the old one's message ids).
 */
import type { MessageId } from '../api/streams.js';
import type { ShellSpec } from '../api/shell-component.js';
import type { Spout } from '../api/spout.js';
import type { SpoutOutputCollector } from '../api/output-collector.js';
import type { TopologyContext } from '../api/topology-context.js';
import { SpoutOutputCollectorImpl, type Logger } from '../runtime/index.js';
import type { ShellMetrics } from './shell-metrics.js';
import { ShellTaskProcess } from './shell-task-process.js';

/** The spout collector's stream-first overloads, for values the subprocess sent. */
interface StreamFirstCollector {
  emit(stream: string, values: readonly unknown[], messageId?: MessageId): void;
  emitDirect(taskId: number, stream: string, values: readonly unknown[], messageId?: MessageId): void;
  lastEmitTaskIds(): number[];
}

type Command = {
  readonly command: 'next' | 'ack' | 'fail' | 'activate' | 'deactivate';
  readonly id: unknown;
};

export class ShellSpoutRunner implements Spout {
  readonly #spec: ShellSpec;
  readonly #logger: Logger;
  #collector!: SpoutOutputCollector;
  #shell!: ShellTaskProcess;
  /** The command sent and not yet answered with `sync`, if any. */
  #outstanding: Command | null = null;
  readonly #queue: Command[] = [];
  #active = false;
  /** Emits since the outstanding command was sent. */
  #emitted = 0;

  constructor(spec: ShellSpec, logger: Logger) {
    this.#spec = spec;
    this.#logger = logger;
  }

  open(context: TopologyContext, collector: SpoutOutputCollector): void {
    this.#collector = collector;
    this.#shell = new ShellTaskProcess(this.#spec, context, this.#logger, {
      onMessage: (m) => this.#onMessage(m),
      onChunkEnd: () => this.#flush(),
      onReady: () => {
        this.#next();
        this.#wake();
      },
      onWatch: () => this.#watch(),
      onFailed: () => {
        this.#outstanding = null;
        // Acks and fails for the dead process's message ids mean nothing to a new one.
        this.#queue.length = 0;
        return {};
      },
      // A restarted spout is told it is active, as the first one was.
      onRestart: () => {
        if (this.#active) this.#queue.push({ command: 'activate', id: '' });
      },
      report: (err) => collector.reportError(err),
    });
    this.#shell.start();
  }

  nextTuple(): void {
    if (this.#shell.ready && this.#outstanding === null && this.#queue.length === 0)
      this.#send({ command: 'next', id: '' });
  }

  ack(id: MessageId): void {
    this.#enqueue({ command: 'ack', id });
  }

  fail(id: MessageId): void {
    this.#enqueue({ command: 'fail', id });
  }

  activate(): void {
    this.#active = true;
    this.#enqueue({ command: 'activate', id: '' });
  }

  deactivate(): void {
    this.#active = false;
    this.#enqueue({ command: 'deactivate', id: '' });
  }

  close(): void {
    this.#shell.close();
  }

  declareOutputFields(): void {
    // Declared by the ShellSpout this runs.
  }

  get metrics(): ShellMetrics {
    return this.#shell.metrics;
  }

  #enqueue(c: Command): void {
    this.#queue.push(c);
    this.#next();
  }

  /** Sends the next queued command when none is outstanding. */
  #next(): void {
    if (!this.#shell.ready || this.#outstanding !== null) return;
    const c = this.#queue.shift();
    if (c !== undefined) this.#send(c);
  }

  #canPoll(): boolean {
    const c = this.#collector;
    return (
      this.#active &&
      c instanceof SpoutOutputCollectorImpl &&
      !c.emitter.isBlocked() &&
      c.tracking?.pending.isFull() !== true
    );
  }

  #send(c: Command): void {
    this.#emitted = 0;
    this.#outstanding = c;
    this.#shell.heard();
    this.#shell.write(c);
  }

  #watch(): void {
    if (this.#outstanding === null) return;
    const silent = this.#shell.silentMs();
    const timeoutMs = this.#shell.timeoutMs;
    if (silent > timeoutMs)
      this.#protocol(
        `no answer to '${this.#outstanding.command}' for ${Math.round(silent / 1000)} s (subprocessTimeoutSecs ${timeoutMs / 1000})`,
      );
  }

  #onMessage(m: Record<string, unknown>): void {
    const command = m['command'];
    switch (command) {
      case 'sync': {
        // A `next` that emitted: ask again at once while nothing holds the spout back, rather
        // than wait for the spout loop's next poll (it backs off a spout whose polls emit nothing,
        // and these emits come between polls).
        const again = this.#outstanding?.command === 'next' && this.#emitted > 0 && this.#canPoll();
        this.#outstanding = null;
        this.#next();
        if (again && this.#outstanding === null) this.#send({ command: 'next', id: '' });
        return;
      }
      case 'emit':
        return this.#emit(m);
      default:
        if (typeof command === 'string' && this.#shell.handleShared(command, m)) return;
        // A spout may not send anything else (Storm's ShellSpout dies on it too).
        this.#protocol(
          `sent ${JSON.stringify(command)}, which a spout may not send: ${JSON.stringify(m).slice(0, 200)}`,
        );
    }
  }

  #emit(m: Record<string, unknown>): void {
    const values = m['tuple'];
    if (!Array.isArray(values))
      return this.#protocol(`emitted without a "tuple" array: ${JSON.stringify(m).slice(0, 200)}`);
    const stream = m['stream'] ?? 'default';
    if (typeof stream !== 'string') return this.#protocol(`emitted on a stream that is not a string`);
    const task = m['task'];
    if (task !== undefined && task !== null && !Number.isInteger(task))
      return this.#protocol(`emitted to a task that is not an integer: ${JSON.stringify(task)}`);
    const raw = m['id'];
    // No id (or null): an unreliable emit.
    const id = raw === undefined || raw === null ? undefined : (raw as MessageId);
    const c = this.#collector as unknown as StreamFirstCollector;
    this.#emitted++;
    if (this.#collector instanceof SpoutOutputCollectorImpl) this.#collector.now = performance.now();
    try {
      if (typeof task === 'number' && task !== 0) {
        c.emitDirect(task, stream, values, id);
        return;
      }
      c.emit(stream, values, id);
    } catch (err) {
      this.#protocol(`emitted what Gale cannot send: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (m['need_task_ids'] !== false) this.#shell.write(c.lastEmitTaskIds());
  }

  #protocol(what: string): void {
    this.#shell.protocol(what);
  }

  #flush(): void {
    const c = this.#collector;
    if (c instanceof SpoutOutputCollectorImpl) {
      c.tracking?.sender.flush();
      c.emitter.ensureSlice();
    }
  }

  #wake(): void {
    if (this.#collector instanceof SpoutOutputCollectorImpl) this.#collector.emitter.ensureSlice();
  }
}
