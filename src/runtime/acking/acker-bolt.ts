/**
 * The acker, built as an ordinary bolt (STYLE.md H8): it keeps the `AckLedger` of the roots it
 * owns (root id modulo the number of ackers) and tells the spout task that emitted a root (its id
 * is in the root id), on the direct stream `__ack_result`, when its tree completed, failed, or had
 * its timeout reset. Verdicts are collected per spout task and sent once per step (`endStep`).
 * Tick tuples, sent every message timeout, expire roots nobody has heard of for that long.
 *
 * Its inputs are Gale's own, so a malformed one is a bug: it is reported, never thrown.
 */
import { BaseBolt } from '../../api/bolt.js';
import type { OutputFieldsDeclarer } from '../../api/output-fields-declarer.js';
import type { Tuple } from '../../api/tuple.js';
import { END_STEP, type StepAware } from '../executor/end-step.js';
import { AckLedger, type LedgerOutcome } from './ack-ledger.js';
import { RootIds } from './root-ids.js';
import {
  ACK_ACK_STREAM,
  ACK_COMPLETE,
  ACK_FAIL_STREAM,
  ACK_FAILED,
  ACK_INIT_STREAM,
  ACK_RESET,
  ACK_RESET_STREAM,
  ACK_RESULT_FIELDS,
  ACK_RESULT_STREAM,
} from './system-streams.js';

const isRoot = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isInt32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;

export class AckerBolt extends BaseBolt implements StepAware {
  readonly #ledger = new AckLedger(3);
  /** Verdicts not sent yet: spout task to (root, outcome) pairs. */
  readonly #verdicts = new Map<number, number[]>();

  /** Roots pending in this acker. */
  get pending(): number {
    return this.#ledger.size;
  }

  execute(tuple: Tuple): void {
    if (tuple.isTick()) {
      this.#ledger.expire();
      return;
    }
    switch (tuple.sourceStream) {
      case ACK_INIT_STREAM:
      case ACK_ACK_STREAM:
        this.#reports(tuple, tuple.sourceStream === ACK_INIT_STREAM);
        return;
      case ACK_FAIL_STREAM: {
        const root = tuple.values[0];
        if (!isRoot(root)) return this.#bad(tuple);
        this.#decided(root, this.#ledger.fail(root));
        return;
      }
      case ACK_RESET_STREAM: {
        const root = tuple.values[0];
        if (!isRoot(root)) return this.#bad(tuple);
        // The spout task keeps the authoritative timeout: tell it too.
        this.#ledger.touch(root);
        this.#verdict(RootIds.taskOf(root), root, ACK_RESET);
        return;
      }
      default:
        this.#bad(tuple);
    }
  }

  /** Sends the verdicts of this step, one tuple per spout task. */
  [END_STEP](): boolean {
    if (this.#verdicts.size === 0) return false;
    for (const [task, packed] of this.#verdicts) {
      this.collector.emitDirect(task, ACK_RESULT_STREAM, [packed]);
    }
    this.#verdicts.clear();
    return true;
  }

  override declareOutputFields(declarer: OutputFieldsDeclarer): void {
    declarer.declareStream(ACK_RESULT_STREAM, [...ACK_RESULT_FIELDS], { direct: true });
  }

  #reports(tuple: Tuple, init: boolean): void {
    const packed = tuple.values[0];
    if (!Array.isArray(packed) || packed.length % 3 !== 0) return this.#bad(tuple);
    const ledger = this.#ledger;
    for (let i = 0; i < packed.length; i += 3) {
      const root: unknown = packed[i];
      const hi: unknown = packed[i + 1];
      const lo: unknown = packed[i + 2];
      if (!isRoot(root) || !isInt32(hi) || !isInt32(lo)) {
        this.#bad(tuple);
        continue;
      }
      this.#decided(root, init ? ledger.init(root, RootIds.taskOf(root), hi, lo) : ledger.ack(root, hi, lo));
    }
  }

  #decided(root: number, outcome: LedgerOutcome): void {
    if (outcome === 'pending') return;
    this.#verdict(this.#ledger.spoutTask, root, outcome === 'complete' ? ACK_COMPLETE : ACK_FAILED);
  }

  #verdict(spoutTask: number, root: number, outcome: number): void {
    const packed = this.#verdicts.get(spoutTask);
    if (packed === undefined) this.#verdicts.set(spoutTask, [root, outcome]);
    else packed.push(root, outcome);
  }

  #bad(tuple: Tuple): void {
    this.collector.reportError(
      new Error(`acker: malformed tuple on '${tuple.sourceStream}' from task ${tuple.sourceTask}`),
    );
  }
}
