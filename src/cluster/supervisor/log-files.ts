/**
 * The worker log files in a supervisor's log directory, and reading lines from them.
 *
 * A worker's stderr goes to `<topology>-<port>.log`, appended to by every process that ran in
 * that slot, so a file holds the lines of the current worker and of earlier ones; a topology that
 * ran on several slots of the machine has several files. Lines are pino's JSON objects; anything
 * else a process wrote (a crash's stack trace, a Node warning) is passed on wrapped in a JSON
 * object with `raw: true`, so clients see one format.
 *
 * Reading is bounded: a history request reads files backwards from their end, at most
 * `MAX_SCAN_BYTES` per file, and a line longer than `MAX_LINE_BYTES` is skipped.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { workerId } from '../store/records.js';

/** Lines longer than this (bytes) are skipped. */
export const MAX_LINE_BYTES = 1 << 20;
/** A history request reads at most this many bytes of each file, from its end. */
export const MAX_SCAN_BYTES = 64 << 20;
const CHUNK_BYTES = 64 << 10;
const NEWLINE = 0x0a;

/** The name of the log file of slot `port` of `topology`. */
export function workerLogFileName(topology: string, port: number): string {
  return `${topology}-${port}.log`;
}

/** A log file of one topology: its name in the directory and the slot's port. */
export interface TopologyLogFile {
  readonly name: string;
  readonly port: number;
}

/**
 * The log files of `topology` in `dir`, by port. Names are matched exactly (`wc-6700.log` is
 * `wc`'s, `wc-2-6700.log` is `wc-2`'s), so another topology's files are never read. A missing
 * directory has none.
 */
export async function topologyLogFiles(dir: string, topology: string): Promise<TopologyLogFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  const prefix = `${topology}-`;
  const files: TopologyLogFile[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d{1,5})\.log$/.exec(name.slice(prefix.length));
    if (m !== null) files.push({ name, port: Number(m[1]) });
  }
  return files.sort((a, b) => a.port - b.port);
}

/** What lines are wanted, and whose file they are in (for wrapping lines that are not JSON). */
export interface LineSource {
  readonly topology: string;
  readonly supervisor: string;
  readonly host: string;
  readonly port: number;
  readonly component?: string;
  readonly task?: number;
}

/** One line of a log file as read: the JSON text to send, or raw text to wrap once its time is known. */
export interface ReadLine {
  /** The line itself when it is a JSON object; otherwise undefined. */
  readonly json?: string;
  /** The text of a line that is not JSON. */
  readonly raw?: string;
  /** Its `time` (epoch ms) when it has one. */
  readonly time?: number;
}

/** A line ready to send: one JSON object (no newline) and its time. */
export interface LogLine {
  readonly time: number;
  readonly text: string;
}

/** Parses one line of a file and checks it against the filter; null when it is not wanted. */
export function readLine(text: string, source: LineSource): ReadLine | null {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (line.trim() === '') return null;
  const filtered = source.component !== undefined || source.task !== undefined;
  let parsed: unknown;
  try {
    parsed = line.startsWith('{') ? JSON.parse(line) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return filtered ? null : { raw: line };
  const fields: Record<string, unknown> = { ...parsed };
  if (source.component !== undefined && fields['component'] !== source.component) return null;
  if (source.task !== undefined && fields['task'] !== source.task) return null;
  const time = fields['time'];
  return typeof time === 'number' && Number.isFinite(time) ? { json: line, time } : { json: line };
}

/**
 * Gives every line a time and a JSON text, in file order: a line without a time (or a raw one)
 * takes the time of the line before it, or of the first line after it at the start of a file.
 */
export function finishLines(lines: readonly ReadLine[], source: LineSource, before = 0): LogLine[] {
  let last = before;
  if (last === 0) last = lines.find((l) => l.time !== undefined)?.time ?? 0;
  const out: LogLine[] = [];
  for (const l of lines) {
    if (l.time !== undefined) last = l.time;
    if (l.json !== undefined) out.push({ time: last, text: l.json });
    else
      out.push({
        time: last,
        text: JSON.stringify({
          level: 40,
          time: last,
          topology: source.topology,
          worker: workerId(source.supervisor, source.port),
          host: source.host,
          raw: true,
          msg: l.raw ?? '',
        }),
      });
  }
  return out;
}

/** Where a file's complete lines end, and the last `wanted` of them that match. */
export interface Tail {
  /** Just past the last newline: the offset to follow the file from. */
  readonly end: number;
  readonly lines: ReadLine[];
}

/**
 * The last `wanted` wanted lines of `path`, read backwards in chunks from its end (at most
 * {@link MAX_SCAN_BYTES}). A last line not yet ended by a newline is left for the follower.
 */
export async function readTail(path: string, wanted: number, source: LineSource): Promise<Tail> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    // Find the last newline: what follows it is a line still being written.
    let end = size;
    let pos = size;
    const buf = Buffer.alloc(CHUNK_BYTES);
    findEnd: while (pos > 0) {
      const n = Math.min(CHUNK_BYTES, pos);
      pos -= n;
      await fh.read(buf, 0, n, pos);
      for (let i = n - 1; i >= 0; i--)
        if (buf[i] === NEWLINE) {
          end = pos + i + 1;
          break findEnd;
        }
      if (pos === 0) end = 0;
      if (size - pos > MAX_LINE_BYTES) {
        end = pos;
        break;
      }
    }
    const lines: ReadLine[] = [];
    if (wanted === 0) return { end, lines };
    const floor = Math.max(0, end - MAX_SCAN_BYTES);
    let carry: Buffer = Buffer.alloc(0);
    let skipping = false;
    pos = end;
    // Backwards: each chunk joined to the unfinished start of the one after it.
    while (pos > floor && lines.length < wanted) {
      const n = Math.min(CHUNK_BYTES, pos - floor);
      pos -= n;
      const chunk = Buffer.alloc(n);
      await fh.read(chunk, 0, n, pos);
      const data = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
      let lineEnd = data.length;
      for (let i = data.length - 1; i >= 0 && lines.length < wanted; i--) {
        if (data[i] !== NEWLINE) continue;
        if (i + 1 < lineEnd && !skipping) {
          const l = readLine(data.toString('utf8', i + 1, lineEnd), source);
          if (l !== null) lines.push(l);
        }
        skipping = false;
        lineEnd = i;
      }
      carry = data.subarray(0, lineEnd);
      if (carry.length > MAX_LINE_BYTES) {
        carry = Buffer.alloc(0);
        skipping = true;
      }
    }
    // The file's first line (no newline before it), when the scan reached the start.
    if (pos === 0 && carry.length > 0 && !skipping && lines.length < wanted) {
      const l = readLine(carry.toString('utf8'), source);
      if (l !== null) lines.push(l);
    }
    return { end, lines: lines.reverse() };
  } finally {
    await fh.close();
  }
}

/** What a follower read of one file: its complete new lines, and where to read next. */
export interface Increment {
  readonly lines: string[];
  readonly next: number;
}

/**
 * Complete lines written to `path` since `offset`, at most `maxBytes` of them. A file shorter than
 * `offset` was truncated or replaced: it is read from its start.
 */
export async function readFrom(path: string, offset: number, maxBytes: number): Promise<Increment> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { lines: [], next: offset };
  }
  const from = size < offset ? 0 : offset;
  if (size === from) return { lines: [], next: from };
  const fh = await open(path, 'r');
  try {
    const n = Math.min(maxBytes, size - from);
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, from);
    const last = buf.lastIndexOf(NEWLINE, bytesRead - 1);
    if (last < 0) {
      // No line ends in a full read: a line over the limit, skipped.
      return { lines: [], next: bytesRead === maxBytes ? from + bytesRead : from };
    }
    return { lines: buf.toString('utf8', 0, last).split('\n'), next: from + last + 1 };
  } finally {
    await fh.close();
  }
}

/** The path of a listed file (its name comes from `readdir`, never from a request). */
export function logFilePath(dir: string, file: TopologyLogFile): string {
  return join(dir, file.name);
}
