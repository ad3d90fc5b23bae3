/**
 * What `pending-memory.ts` reports, as the JSON last line of its stdout. Shared by the child (which
 * builds it) and the parent (which validates it).
 */
import { z } from 'zod';

export const PendingMemoryResultSchema = z.object({
  /** Pending roots created on each side. */
  roots: z.number(),
  /** Heap bytes per root held by the spout task's `PendingRoots` (message id, emit time, root id key). */
  spoutBytesPerRoot: z.number(),
  /** Heap bytes per root held by an acker's `AckLedger` (spout task, 64-bit XOR, failed flag, root id key). */
  ackerBytesPerRoot: z.number(),
});

export type PendingMemoryResult = z.infer<typeof PendingMemoryResultSchema>;
