/**
 * What the latency child (`run-latency.ts`) reports for one load level, as the JSON last line of its
 * stdout. Shared by the child (which builds it) and the parent (which validates it).
 */
import { z } from 'zod';

/** The fields of the runtime's `LatencySummary`, in milliseconds. */
export const LatencySummarySchema = z.object({
  count: z.number(),
  meanMs: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  p999Ms: z.number(),
  maxMs: z.number(),
});

export const LatencyResultSchema = z.object({
  /** Sentences per second the spout was paced at. */
  targetPerSec: z.number(),
  /** Sentences emitted over the emit span (first to last emit) of the measured run. */
  achievedPerSec: z.number(),
  /** Sentences emitted (and acked) in the measured run. */
  sentences: z.number(),
  /** Seconds of the measured run, warm-up excluded. */
  measuredSecs: z.number(),
  /** Process CPU time (user + system) over the measured run divided by its wall time. */
  cpuShare: z.number(),
  /** The spout task's `completeLatency` snapshot (runtime: emit step to verdict step; may be sampled). */
  complete: LatencySummarySchema,
  /** The spout's own timing of one tree in 8, from its emit call to its `ack` call: a cross-check. */
  fromEmit: LatencySummarySchema,
  /** The spout's own timing of one tree in 8, from the time its sentence was due to its `ack` call. */
  fromDue: LatencySummarySchema,
});

export type LatencyResult = z.infer<typeof LatencyResultSchema>;
