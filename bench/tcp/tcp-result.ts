/**
 * What the TCP benchmark's sender processes report, as the JSON last line of their stdout. Shared
 * by the children (which build it) and the harness (which validates it).
 */
import { z } from 'zod';
import { LatencySummarySchema } from '../latency-result.js';
import { TCP_IMPLS } from './endpoints.js';

const ChecksumSchema = z.object({ tuples: z.number(), lengthSum: z.number(), valueSum: z.number() });

/** One throughput run: `run-tcp-throughput.ts`. */
export const TcpThroughputResultSchema = z.object({
  impl: z.enum(TCP_IMPLS),
  batch: z.number(),
  tuples: z.number(),
  /** First send to the receiver's ack, on the sender's clock. */
  wallMs: z.number(),
  tuplesPerSec: z.number(),
  /** Bytes on the wire per tuple (frame header included), for a full batch. */
  bytesPerTuple: z.number(),
  /** Sender process CPU (user + system) over its timed interval, and divided by it. */
  senderCpuMs: z.number(),
  senderCpuShare: z.number(),
  /** Receiver process CPU from its first batch to its last, and divided by that interval. */
  receiverCpuMs: z.number(),
  receiverCpuShare: z.number(),
  /** Tuples per CPU-second of both processes together. */
  tuplesPerCpuSec: z.number(),
  sent: ChecksumSchema,
  received: ChecksumSchema,
  correct: z.boolean(),
  /** The machine's 1-minute load average when the run started (other load on a shared machine). */
  loadAvg1m: z.number(),
});
export type TcpThroughputResult = z.infer<typeof TcpThroughputResultSchema>;

/** One latency run: `run-tcp-latency.ts`. */
export const TcpLatencyResultSchema = z.object({
  impl: z.enum(TCP_IMPLS),
  /** Most tuples per batch (a batch is also cut at every tick of the pacer). */
  maxBatch: z.number(),
  targetPerSec: z.number(),
  /** Measured tuples over the span from the first measured batch's send to the last's. */
  achievedPerSec: z.number(),
  /** Tuples and batches of the measured part (warm-up excluded). */
  tuples: z.number(),
  batches: z.number(),
  /** Pacer ticks that sent them. */
  ticks: z.number(),
  measuredSecs: z.number(),
  /** Process CPU over the whole run (warm-up included), divided by its wall time. */
  senderCpuShare: z.number(),
  receiverCpuShare: z.number(),
  /** Per tuple: receiver's handler time minus the time its batch was handed to `send`. */
  fromSend: LatencySummarySchema,
  /** The shortest send-to-handler time: below zero, the two processes' clocks would disagree. */
  fromSendMinMs: z.number(),
  /** Per tuple: receiver's handler time minus the time the tuple was due on the pacing schedule. */
  fromDue: LatencySummarySchema,
  correct: z.boolean(),
  /** The machine's 1-minute load average when the run started and when it ended. */
  loadAvg1m: z.tuple([z.number(), z.number()]),
});
export type TcpLatencyResult = z.infer<typeof TcpLatencyResultSchema>;
