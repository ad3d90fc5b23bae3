/**
 * The log of a worker process: JSON lines on stderr, one object per line with the level, the time
 * (epoch ms), the worker's own fields and the message. A worker has no terminal; whoever started
 * it (its supervisor) collects the stream.
 */
import type { Logger } from '../../runtime/index.js';

export function stderrLogger(fields: Record<string, unknown>): Logger {
  const line = (level: string) => (f: Record<string, unknown>, message: string) =>
    process.stderr.write(`${JSON.stringify({ level, time: Date.now(), ...fields, ...f, msg: message })}\n`);
  return { debug: () => {}, info: line('info'), warn: line('warn'), error: line('error') };
}
