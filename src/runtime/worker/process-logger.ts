/**
 * The root logger of a Gale process (`gale run`, a daemon, a cluster worker): pino on stderr, one
 * JSON object per line with `level`, `time` (epoch ms), `pid`, `host` and `name`; or, when stderr
 * is a terminal, pino-pretty's readable lines. Child loggers add `topology`, `worker`, `component`
 * and `task` (see `childLogger`).
 *
 * Writes are synchronous: logs are rare at the default levels, and must not be lost when the
 * process exits right after (a crash, a forced exit). pino-pretty is loaded only when needed: a
 * worker writing to a file would pay about 60 ms of start-up for it.
 */
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { pino } from 'pino';
import type PinoPretty from 'pino-pretty';

function isPinoPretty(m: unknown): m is typeof PinoPretty {
  return typeof m === 'function' && 'prettyFactory' in m;
}

/** pino-pretty, loaded on first use (a CommonJS module: `require` loads it synchronously). */
function loadPretty(): typeof PinoPretty {
  const m: unknown = createRequire(import.meta.url)('pino-pretty');
  if (!isPinoPretty(m)) throw new Error('pino-pretty did not load as expected');
  return m;
}

/** Options of {@link createProcessLogger}. */
/** pino's levels, most to least severe, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

export interface ProcessLoggerOptions {
  /** The `name` field: `gale`, `gale-supervisor`, `gale-worker`, ... */
  readonly name: string;
  /** pino's level name (`info`, `warn`, ...; `silent` writes nothing). */
  readonly level: LogLevel;
  /** Readable lines for a terminal (pino-pretty) instead of JSON lines. */
  readonly pretty: boolean;
  /** Fields of every line, over `pid` and `host` (the machine's host name by default). */
  readonly bindings?: Record<string, unknown>;
  /** The file descriptor written to (default 2, stderr). */
  readonly fd?: number;
}

/** Where a line comes from, as pretty output shows it before the message: `[wc s1:6700 count/3]`. */
const SOURCE_KEYS = ['topology', 'worker', 'component', 'task'] as const;

function source(log: Record<string, unknown>): string {
  const parts: string[] = [];
  const at = (k: (typeof SOURCE_KEYS)[number]): string | undefined => {
    const v = log[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const topology = at('topology');
  const worker = at('worker');
  const component = at('component');
  const task = at('task');
  if (topology !== undefined) parts.push(topology);
  if (worker !== undefined) parts.push(worker);
  if (component !== undefined) parts.push(task === undefined ? component : `${component}/${task}`);
  return parts.length === 0 ? '' : `[${parts.join(' ')}] `;
}

/**
 * pino-pretty's options for Gale's lines, on a terminal (`gale run`, daemons) and in `gale logs`:
 * local time, the source in brackets before the message, and the other fields below it.
 */
export function prettyOptions(colorize: boolean): PinoPretty.PrettyOptions {
  return {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'host', 'hostname', 'name', ...SOURCE_KEYS].join(','),
    messageFormat: (log, messageKey) => {
      const message = log[messageKey];
      return `${source(log)}${typeof message === 'string' ? message : (JSON.stringify(message) ?? '')}`;
    },
  };
}

/** A JSON line of Gale's as pretty text, ending with a newline (for `gale logs` on a terminal). */
export function prettyLineFormatter(colorize: boolean): (line: string) => string {
  const format = loadPretty().prettyFactory(prettyOptions(colorize));
  return (line) => {
    const text = format(line);
    return text.endsWith('\n') ? text : `${text}\n`;
  };
}

/** The root logger of this process; see the file's comment. */
export function createProcessLogger(options: ProcessLoggerOptions): pino.Logger {
  const fd = options.fd ?? 2;
  const destination = options.pretty
    ? loadPretty()({ ...prettyOptions(true), destination: fd, sync: true })
    : pino.destination({ dest: fd, sync: true });
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { pid: process.pid, host: hostname(), ...options.bindings },
    },
    destination,
  );
}
