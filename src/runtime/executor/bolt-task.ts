/**
 * One task of a bolt: its instance, receive queue and collector. `execute` hides the difference
 * between a rich bolt (acks itself) and a basic bolt (anchored emits, acked on return, failed on
 * throw), so the executor loop has one shape.
 */
import { isBasicBolt, type BasicBolt, type Bolt } from '../../api/bolt.js';
import { END_STEP, isStepAware, type StepAware } from './end-step.js';
import { INPUT_ROOM, INPUTS_HELD, isInputPausable, type InputPausable } from './input-pausable.js';
import { FailedTupleError } from '../../api/errors.js';
import type { BoltErrorPolicy } from '../../api/config.js';
import type { TopologyContext } from '../../api/topology-context.js';
import { BasicOutputCollectorImpl } from '../collector/basic-output-collector-impl.js';
import type { ErrorSink } from '../collector/error-sink.js';
import type { OutputCollectorImpl } from '../collector/output-collector-impl.js';
import type { ReceiveQueue } from '../queue/receive-queue.js';
import type { TaskStats } from '../stats/task-stats.js';
import type { TupleImpl } from '../tuple/tuple-impl.js';

export class BoltTask {
  readonly #rich: Bolt | null;
  readonly #stepAware: StepAware | null;
  readonly #pausable: InputPausable | null;
  readonly #basic: BasicBolt | null;
  readonly #basicCollector: BasicOutputCollectorImpl | null;

  constructor(
    readonly taskId: number,
    readonly component: string,
    bolt: Bolt | BasicBolt,
    readonly queue: ReceiveQueue<TupleImpl>,
    readonly collector: OutputCollectorImpl,
    readonly context: TopologyContext,
    readonly stats: TaskStats,
    private readonly errors: ErrorSink,
    private readonly onError: BoltErrorPolicy = 'failTuple',
  ) {
    this.#stepAware = isStepAware(bolt) ? bolt : null;
    this.#pausable = isInputPausable(bolt) ? bolt : null;
    if (isBasicBolt(bolt)) {
      this.#basic = bolt;
      this.#rich = null;
      this.#basicCollector = new BasicOutputCollectorImpl(collector);
    } else {
      this.#rich = bolt;
      this.#basic = null;
      this.#basicCollector = null;
    }
  }

  /** How many of `max` inputs the bolt takes now (see `InputPausable`). */
  room(max: number): number {
    return this.#pausable === null ? max : Math.min(max, this.#pausable[INPUT_ROOM]());
  }

  /** Whether the bolt holds inputs it has not answered yet (see `InputPausable`). */
  holdsInput(): boolean {
    return this.#pausable !== null && this.#pausable[INPUTS_HELD]() > 0;
  }

  prepare(): void {
    if (this.#rich !== null) this.#rich.prepare(this.context, this.collector);
    else this.#basic!.prepare(this.context);
  }

  /** Executes one input; a throw fails the tuple and is reported, never propagated. */
  execute(tuple: TupleImpl): void {
    this.stats.executed++;
    const rich = this.#rich;
    if (rich !== null) {
      try {
        rich.execute(tuple);
      } catch (err) {
        this.#failed(tuple, err);
      }
      return;
    }
    const collector = this.#basicCollector!;
    collector.input = tuple;
    try {
      this.#basic!.execute(tuple, collector);
      // The basic bolt's automatic ack: only a tracked or sampled tuple needs the collector.
      if (tuple.root >= 0 || tuple === this.collector.sampled) this.collector.ack(tuple);
      else this.stats.acked++;
    } catch (err) {
      this.#failed(tuple, err);
    }
    collector.input = null;
  }

  /**
   * Sends what was held back during the step: combined acks, and the acker's verdicts. Returns
   * whether anything went out.
   */
  endStep(): boolean {
    const acks = this.collector.flushAcks();
    const own = this.#stepAware !== null && this.#stepAware[END_STEP]();
    return acks || own;
  }

  cleanup(): void {
    if (this.#rich !== null) this.#rich.cleanup();
    else this.#basic!.cleanup();
  }

  #failed(tuple: TupleImpl, err: unknown): void {
    this.collector.fail(tuple);
    if (err instanceof FailedTupleError) return; // a deliberate fail, not an error
    this.errors.report(this.component, this.taskId, err, tuple);
    if (this.onError === 'stopWorker') this.errors.fatal(this.component, this.taskId, err);
  }
}
