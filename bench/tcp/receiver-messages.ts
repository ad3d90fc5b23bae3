/**
 * What the receiver process tells the sender process that forked it, over the IPC channel: where it
 * listens, then what it counted (and, for the latency runs, when each batch reached its handler).
 */
import { z } from 'zod';

export const ReceiverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), port: z.number().int().min(1).max(65_535) }),
  z.object({
    type: z.literal('result'),
    tuples: z.number(),
    lengthSum: z.number(),
    valueSum: z.number(),
    /** From the first batch received to the last one counted. */
    wallMs: z.number(),
    /** Process CPU (user + system) over the same interval. */
    cpuMs: z.number(),
    /** Per batch, in order: `machineNowMs()` when its handler ran (latency runs). */
    receivedAt: z.array(z.number()),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export type ReceiverMessage = z.infer<typeof ReceiverMessageSchema>;
export type ReceiverResult = Extract<ReceiverMessage, { type: 'result' }>;
