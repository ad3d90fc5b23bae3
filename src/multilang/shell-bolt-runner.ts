/**
 * What runs a {@link ShellBolt} inside a worker: each input goes to the subprocess with a fresh
 * string id; its emits (anchored by those ids, on any stream, direct or not), acks, fails, logs,
 * errors and metrics come back asynchronously. Storm's ShellBolt semantics (docs/multilang.md):
 *
 * - task-id lists are written before any further tuple, heartbeat tuples once a second;
 * - any message counts as a heartbeat; silence longer than `subprocessTimeoutSecs` kills it;
 * - at most `shellBoltMaxPending` inputs are unanswered (neither acked nor failed): beyond, the
 *   bolt takes no input, which waits in its queue (backpressure);
 * - a subprocess that fails (exits, hangs, writes garbage, acks an id it was never sent, anchors
 *   to a finished tuple) is reported with what it did, its pending inputs are failed so that
 *   spouts replay them, and it is restarted after a backoff (1 s doubling to 30 s) while the
 *   bolt's input waits. The worker never goes down for it.
 */
import type { Bolt } from '../api/bolt.js';
import type { OutputCollector } from '../api/output-collector.js';
import type { ShellSpec } from '../api/shell-component.js';
import type { TopologyContext } from '../api/topology-context.js';
import type { Tuple } from '../api/tuple.js';
import { OutputCollectorImpl, type Logger } from '../runtime/index.js';
import { INPUT_ROOM, INPUTS_HELD, type InputPausable } from '../runtime/index.js';
import type { ShellMetrics } from './shell-metrics.js';
import { ShellTaskProcess } from './shell-task-process.js';

export class ShellBoltRunner implements Bolt, InputPausable {
  readonly #spec: ShellSpec;
  readonly #logger: Logger;
  #context!: TopologyContext;
  #collector!: OutputCollector;
  #shell!: ShellTaskProcess;
  /** Inputs sent (or waiting to be sent), by the id the subprocess knows them by. */
  readonly #inputs = new Map<string, Tuple>();
  /** When each input was taken (ms), oldest first: inputs never acked expire after the message timeout. */
  readonly #takenAt = new Map<string, number>();
  #expireMs = 30_000;
  /** Task-id replies, written before anything else. */
  #replies: unknown[] = [];
  #tuples: unknown[] = [];
  #heartbeatDue = false;
  #waitingForDrain = false;
  readonly #idPrefix = `${Math.floor(Math.random() * 2 ** 31).toString(36)}-`;
  #nextId = 0;
  #maxPending = 100;

  constructor(spec: ShellSpec, logger: Logger) {
    this.#spec = spec;
    this.#logger = logger;
  }

  prepare(context: TopologyContext, collector: OutputCollector): void {
    this.#context = context;
    this.#collector = collector;
    this.#maxPending = context.config.shellBoltMaxPending;
    this.#expireMs = context.config.messageTimeoutSecs * 1000;
    this.#shell = new ShellTaskProcess(this.#spec, context, this.#logger, {
      onMessage: (m) => this.#onMessage(m),
      onChunkEnd: () => this.#flush(),
      onReady: () => {
        this.#pump();
        this.#wake();
      },
      onWatch: () => this.#beat(),
      onFailed: () => this.#forget(),
      onRestart: () => {},
      report: (err) => collector.reportError(err),
    });
    this.#shell.start();
  }

  execute(tuple: Tuple): void {
    const id = `${this.#idPrefix}${this.#nextId++}`;
    this.#inputs.set(id, tuple);
    this.#takenAt.set(id, Date.now());
    const tick = tuple.isTick();
    this.#tuples.push({
      id,
      comp: tuple.sourceComponent,
      stream: tuple.sourceStream,
      task: tick ? -1 : tuple.sourceTask,
      tuple: tuple.values,
    });
    this.#pump();
  }

  /**
   * No input while the subprocess is (re)starting; otherwise up to `shellBoltMaxPending` inputs
   * neither acked nor failed (sent or waiting to be sent).
   */
  [INPUT_ROOM](): number {
    return this.#shell.ready ? this.#maxPending - this.#inputs.size : 0;
  }

  /** Inputs neither acked nor failed: a graceful stop waits for them (up to its drain timeout). */
  [INPUTS_HELD](): number {
    return this.#inputs.size;
  }

  cleanup(): void {
    this.#shell.close();
  }

  declareOutputFields(): void {
    // Declared by the ShellBolt this runs; a runner is made after the topology was built.
  }

  /** Shell metrics the subprocess updated (for tests and the log). */
  get metrics(): ShellMetrics {
    return this.#shell.metrics;
  }

  /** Writes what waits, task-id replies and heartbeats first, until the pipe is full. */
  #pump(): void {
    const p = this.#shell;
    if (!p.ready || this.#waitingForDrain) return;
    let ok = true;
    while (ok && this.#replies.length > 0) ok = p.write(this.#replies.shift());
    if (ok && this.#heartbeatDue) {
      this.#heartbeatDue = false;
      ok = p.write({
        id: `${this.#idPrefix}hb${this.#nextId++}`,
        comp: null,
        stream: '__heartbeat',
        task: -1,
        tuple: [],
      });
    }
    while (ok && this.#tuples.length > 0) {
      const message = this.#tuples.shift() as { id: string };
      try {
        ok = p.write(message);
      } catch (err) {
        // A value JSON cannot carry (a BigInt, say): that input fails, the others go on.
        this.#unsendable(message.id, err);
      }
    }
    if (!ok) {
      this.#waitingForDrain = true;
      p.onDrain(() => {
        this.#waitingForDrain = false;
        this.#pump();
      });
    }
  }

  #unsendable(id: string, err: unknown): void {
    const tuple = this.#inputs.get(id);
    if (tuple === undefined) return;
    this.#inputs.delete(id);
    this.#takenAt.delete(id);
    this.#collector.fail(tuple);
    this.#collector.reportError(
      new Error(
        `a tuple for the subprocess of ${this.#context.thisComponentId} cannot be written as JSON: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  }

  #beat(): void {
    const silent = this.#shell.silentMs();
    const timeoutMs = this.#shell.timeoutMs;
    if (silent > timeoutMs) {
      this.#shell.protocol(
        `no message for ${Math.round(silent / 1000)} s, heartbeats unanswered (subprocessTimeoutSecs ${timeoutMs / 1000})`,
      );
      return;
    }
    this.#expire();
    this.#heartbeatDue = true;
    this.#pump();
  }

  /**
   * Forgets inputs older than the message timeout (their trees have timed out at the spout): a
   * subprocess that never acks (Storm's splitsentence.rb) must not hold the bolt's input forever.
   */
  #expire(): void {
    const oldest = Date.now() - this.#expireMs;
    let expired = false;
    for (const [id, at] of this.#takenAt) {
      if (at > oldest) break;
      this.#takenAt.delete(id);
      if (this.#inputs.delete(id)) expired = true;
    }
    if (expired) this.#wake();
  }

  #onMessage(m: Record<string, unknown>): void {
    const command = m['command'];
    if (typeof command !== 'string')
      return this.#protocol(`wrote a message without a string "command": ${brief(m)}`);
    switch (command) {
      case 'emit':
        return this.#emit(m);
      case 'ack':
      case 'fail':
        return this.#verdict(command, m['id']);
      default:
        // log, error, metrics; sync and any other command: only a heartbeat (as in Storm).
        this.#shell.handleShared(command, m);
        return;
    }
  }

  #emit(m: Record<string, unknown>): void {
    const values = m['tuple'];
    if (!Array.isArray(values)) return this.#protocol(`emitted without a "tuple" array: ${brief(m)}`);
    const stream = m['stream'] ?? 'default';
    if (typeof stream !== 'string')
      return this.#protocol(`emitted on a stream that is not a string: ${brief(m)}`);
    const task = m['task'];
    if (task !== undefined && task !== null && !Number.isInteger(task))
      return this.#protocol(`emitted to a task that is not an integer: ${brief(m)}`);
    const anchorIds = m['anchors'] ?? [];
    const ids = typeof anchorIds === 'string' ? [anchorIds] : anchorIds;
    if (!Array.isArray(ids) || !ids.every((a) => typeof a === 'string'))
      return this.#protocol(`emitted with anchors that are not id strings: ${brief(m)}`);
    const anchors: Tuple[] = [];
    for (const id of ids) {
      const t = this.#inputs.get(id);
      if (t === undefined)
        return this.#protocol(
          `anchored onto ${JSON.stringify(id)}, which was never sent or is already acked or failed`,
        );
      anchors.push(t);
    }
    const need = m['need_task_ids'];
    try {
      if (typeof task === 'number' && task !== 0) {
        this.#collector.emitDirect(task, stream, anchors, values);
        return; // no task ids for a direct emit, as in Storm
      }
      this.#collector.emit(stream, anchors, values);
    } catch (err) {
      this.#protocol(`emitted what Gale cannot send: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (need !== false) {
      this.#replies.push(this.#collector.lastEmitTaskIds());
      this.#pump();
    }
  }

  #verdict(command: 'ack' | 'fail', id: unknown): void {
    const tuple = typeof id === 'string' ? this.#inputs.get(id) : undefined;
    if (tuple === undefined)
      return this.#protocol(
        `${command}ed ${JSON.stringify(id)}, an id it was never sent or that is already acked or failed`,
      );
    this.#inputs.delete(id as string);
    this.#takenAt.delete(id as string);
    if (command === 'ack') this.#collector.ack(tuple);
    else this.#collector.fail(tuple);
  }

  #protocol(what: string): void {
    this.#shell.protocol(what);
  }

  /** After a chunk of messages: send what they produced now, and let the executor run. */
  #flush(): void {
    if (this.#collector instanceof OutputCollectorImpl) this.#collector.flushAcks();
    this.#wake();
  }

  #wake(): void {
    if (this.#collector instanceof OutputCollectorImpl) this.#collector.emitter.ensureSlice();
  }

  /** The subprocess failed: every input it held is failed (spouts replay them); what waited is dropped. */
  #forget(): Record<string, unknown> {
    this.#waitingForDrain = false;
    this.#replies = [];
    this.#tuples = [];
    this.#heartbeatDue = false;
    const pending = [...this.#inputs.values()];
    this.#inputs.clear();
    this.#takenAt.clear();
    for (const t of pending) this.#collector.fail(t);
    this.#flush();
    return { failed: pending.length };
  }
}

function brief(m: unknown): string {
  const text = JSON.stringify(m);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
