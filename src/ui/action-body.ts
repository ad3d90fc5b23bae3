/**
 * The JSON body of a REST action (kill, rebalance; empty for activate and deactivate), checked:
 * `content-type: application/json` is required (a cross-site form cannot send it without the
 * browser asking first), at most 64 KiB, every problem named by its key.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError } from './http-error.js';

const MAX_BYTES = 64 * 1024;

const bodySchema = z
  .object({
    waitSecs: z.number().min(0).max(86_400).optional(),
    workers: z.number().int().min(1).max(1024).optional(),
    executors: z
      .record(
        z.string().min(1),
        z
          .number()
          .int()
          .min(1)
          .max(1 << 16),
      )
      .optional(),
  })
  .strict();

export interface ActionBody {
  readonly waitSecs?: number;
  readonly workers?: number;
  readonly executors?: ReadonlyMap<string, number>;
}

/** The keys each action takes: an action never ignores a key it was given. */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  activate: [],
  deactivate: [],
  kill: ['waitSecs'],
  rebalance: ['workers', 'executors'],
};

export async function readActionBody(req: IncomingMessage, action: string): Promise<ActionBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `${action}: send the body as application/json (got '${type || 'none'}')`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES)
      throw new HttpError(413, 'BODY_TOO_LARGE', `${action}: the body is over ${MAX_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  let raw: unknown = {};
  if (text.length > 0) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', `${action}: the body is not JSON`);
    }
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new HttpError(400, 'BAD_REQUEST', `${action}: ${problems}`);
  }
  const allowed = KEYS[action] ?? [];
  const extra = Object.keys(parsed.data).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `${action}: takes ${allowed.length === 0 ? 'no keys' : allowed.join(', ')}, not ${extra.join(', ')}`,
    );
  const { waitSecs, workers, executors } = parsed.data;
  return {
    ...(waitSecs === undefined ? {} : { waitSecs }),
    ...(workers === undefined ? {} : { workers }),
    ...(executors === undefined ? {} : { executors: new Map(Object.entries(executors)) }),
  };
}
