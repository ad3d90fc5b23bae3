/**
 * Joins the sender's batch records with the receiver's handler times (batch k on one side is batch
 * k on the other: one ordered connection) into per-tuple latencies, warm-up batches left out.
 * Both sides' times are `machineNowMs()`: one clock for both processes.
 */
import { LatencyHistogram } from '../../src/runtime/stats/latency-histogram.js';
import type { LatencySummary } from '../../src/runtime/index.js';
import type { SentBatches } from './paced-sender.js';

/** Tuples of a batch recorded together in the due-time histogram. */
const DUE_GROUP = 16;

export interface JoinedLatency {
  readonly fromSend: LatencySummary;
  /** The shortest send-to-handler time, unclamped (the histogram clamps below 1 µs). */
  readonly fromSendMinMs: number;
  readonly fromDue: LatencySummary;
  readonly tuples: number;
  readonly batches: number;
  /** Pacer ticks that sent the measured batches. */
  readonly ticks: number;
  /** From the first measured batch's send to the last one's. */
  readonly spanMs: number;
}

/**
 * @param startMs - when tuple 0 was due; tuple i was due `i * intervalMs` later.
 * @param warmupMs - batches whose first tuple fell due earlier than this after the start are left out.
 */
export function joinLatency(
  sent: SentBatches,
  receivedAt: readonly number[],
  startMs: number,
  intervalMs: number,
  warmupMs: number,
): JoinedLatency {
  if (receivedAt.length !== sent.sentAt.length)
    throw new Error(`${sent.sentAt.length} batches sent, ${receivedAt.length} received`);
  const fromSend = new LatencyHistogram();
  const fromDue = new LatencyHistogram();
  let tuples = 0;
  let batches = 0;
  let ticks = 0;
  let lastTick = -1;
  let minFromSend = Infinity;
  let firstSend = Infinity;
  let lastSend = -Infinity;
  for (let k = 0; k < receivedAt.length; k++) {
    const first = sent.first[k]!;
    if (first * intervalMs < warmupMs) continue;
    const size = sent.size[k]!;
    const received = receivedAt[k]!;
    const sentAt = sent.sentAt[k]!;
    fromSend.recordMean((received - sentAt) * size, size);
    minFromSend = Math.min(minFromSend, received - sentAt);
    // Due times within a batch step by intervalMs: record them in groups, each at its mean (the
    // histogram keeps 2 significant digits; a group spans well under a microsecond per tuple).
    for (let i = first; i < first + size; i += DUE_GROUP) {
      const n = Math.min(DUE_GROUP, first + size - i);
      const meanDue = startMs + (i + (n - 1) / 2) * intervalMs;
      fromDue.recordMean((received - meanDue) * n, n);
    }
    tuples += size;
    batches++;
    if (sent.tick[k] !== lastTick) ticks++;
    lastTick = sent.tick[k]!;
    firstSend = Math.min(firstSend, sentAt);
    lastSend = Math.max(lastSend, sentAt);
  }
  return {
    fromSend: fromSend.summary(),
    fromSendMinMs: batches > 0 ? minFromSend : 0,
    fromDue: fromDue.summary(),
    tuples,
    batches,
    ticks,
    spanMs: batches > 1 ? lastSend - firstSend : 0,
  };
}
