/**
 * The acker, built as an ordinary bolt (STYLE.md H8): it keeps the `AckLedger` of the roots it
 * owns (roots are routed to ackers by a fields grouping on the root id) and tells the spout task
 * that emitted a root, with a direct emit, when its tree completed or failed. Tick tuples, sent
 * every message timeout, expire roots that heard nothing for that long.
 *
 * Its inputs are Gale's own, so a malformed one is a bug: it is reported, never thrown.
 */
import { BaseBolt } from '../../api/bolt.js';
import type { OutputFieldsDeclarer } from '../../api/output-fields-declarer.js';
import type { Tuple } from '../../api/tuple.js';
import { AckLedger, type LedgerOutcome } from './ack-ledger.js';
import { RootIds } from './root-ids.js';
import {
  ACK_ACK_STREAM,
  ACK_COMPLETE,
  ACK_FAILED,
  ACK_RESET,
  ACK_FAIL_STREAM,
  ACK_INIT_STREAM,
  ACK_RESET_STREAM,
  ACK_RESULT_FIELDS,
  ACK_RESULT_STREAM,
} from './system-streams.js';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export class AckerBolt extends BaseBolt {
  readonly #ledger = new AckLedger(3);

  /** Roots pending in this acker. */
  get pending(): number {
    return this.#ledger.size;
  }

  execute(tuple: Tuple): void {
    if (tuple.isTick()) {
      this.#ledger.expire();
      return;
    }
    const v = tuple.values;
    const root = v[0];
    if (!isInt(root)) {
      this.collector.reportError(new Error(`acker: bad root id ${String(root)} on ${tuple.sourceStream}`));
      return;
    }
    let outcome: LedgerOutcome;
    switch (tuple.sourceStream) {
      case ACK_INIT_STREAM:
        if (!isInt(v[1]) || !isInt(v[2]) || !isInt(v[3])) return this.#bad(tuple);
        outcome = this.#ledger.init(root, v[3], v[1], v[2]);
        break;
      case ACK_ACK_STREAM:
        if (!isInt(v[1]) || !isInt(v[2])) return this.#bad(tuple);
        outcome = this.#ledger.ack(root, v[1], v[2]);
        break;
      case ACK_FAIL_STREAM:
        outcome = this.#ledger.fail(root);
        break;
      case ACK_RESET_STREAM:
        // The spout task keeps the authoritative timeout: tell it too (its id is in the root id).
        this.#ledger.touch(root);
        this.collector.emitDirect(RootIds.taskOf(root), ACK_RESULT_STREAM, [root, ACK_RESET]);
        return;
      default:
        return this.#bad(tuple);
    }
    if (outcome !== 'pending') {
      this.collector.emitDirect(this.#ledger.spoutTask, ACK_RESULT_STREAM, [
        root,
        outcome === 'complete' ? ACK_COMPLETE : ACK_FAILED,
      ]);
    }
  }

  override declareOutputFields(declarer: OutputFieldsDeclarer): void {
    declarer.declareStream(ACK_RESULT_STREAM, [...ACK_RESULT_FIELDS], { direct: true });
  }

  #bad(tuple: Tuple): void {
    this.collector.reportError(
      new Error(`acker: malformed tuple on '${tuple.sourceStream}' from task ${tuple.sourceTask}`),
    );
  }
}
