/**
 * `gale logs <topology> [--component c] [--task n] [--lines N] [--follow] [--json]`: the logs of a
 * topology's workers, from every machine of the cluster.
 *
 * Each supervisor serves its machine's worker logs over HTTP and registers the URL in the store
 * (`logUrl`). This reads the topology and the supervisors from the store, asks every supervisor
 * for the topology's lines (filtered there), merges them by time and prints the last `--lines`:
 * readable on a terminal, the JSON lines themselves otherwise or with `--json`. With `--follow` it
 * keeps printing new lines until Ctrl-C.
 *
 * A supervisor whose log server does not answer is one warning line on stderr; the others are
 * still shown. An unknown topology is `TOPOLOGY_NOT_FOUND` (exit 1), like the other commands.
 */
import { GaleError } from '../api/errors.js';
import { DEFAULT_LOG_LINES, MAX_LOG_LINES, type LogQuery } from '../cluster/supervisor/log-query.js';
import { topologyNameSchema, type SupervisorRecord } from '../cluster/store/records.js';
import { prettyLineFormatter } from '../runtime/index.js';
import { systemClock, type Clock } from '../util/clock.js';
import { clusterSettings, type ClusterFlags } from './cluster-settings.js';
import { connectStore } from './connect-store.js';
import { readLogs } from './log-client.js';
import { FollowMerger, lineTime, mergeByTime, type TimedLine } from './log-merge.js';
import { STOP_SIGNALS, type SignalSource } from './stop-trigger.js';
import { UsageError } from './usage-error.js';

/** The flags of `gale logs`, as commander parses them. */
export interface LogsOptions extends ClusterFlags {
  readonly component?: string;
  readonly task?: string;
  readonly lines?: string;
  readonly follow?: boolean;
  readonly json?: boolean;
}

/** The process around the command; `process` in production. */
export interface LogsEnvironment {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** One line on stderr (warnings). */
  readonly warn: (line: string) => void;
  readonly signals: SignalSource;
  readonly clock: Clock;
}

const processEnvironment: LogsEnvironment = {
  stdout: process.stdout,
  warn: (line) => process.stderr.write(`${line}\n`),
  signals: process,
  clock: systemClock,
};

/** How long a followed line is held so lines of several machines come out in time order. */
const FOLLOW_WINDOW_MS = 300;
const FOLLOW_TICK_MS = 100;
/** While following, how often the supervisors are listed again, to follow machines that join. */
const DISCOVER_MS = 2000;

function wholeNumber(flag: string, text: string, max: number): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n > max)
    throw new UsageError(`${flag} ${text}: expected a whole number from 0 to ${max}`);
  return n;
}

/** The query, checked against the flags and the topology's components and tasks. */
function checkedQuery(
  topology: string,
  options: LogsOptions,
  executors: readonly { component: string; taskIds: readonly number[] }[],
): LogQuery {
  const tasksOf = new Map<string, number[]>();
  for (const e of executors) tasksOf.set(e.component, [...(tasksOf.get(e.component) ?? []), ...e.taskIds]);
  const { component } = options;
  if (component !== undefined && !tasksOf.has(component))
    throw new UsageError(
      `--component ${component}: no such component in ${topology} (${[...tasksOf.keys()].join(', ')})`,
    );
  let task: number | undefined;
  if (options.task !== undefined) {
    task = wholeNumber('--task', options.task, 1_000_000_000);
    const owner = [...tasksOf].find(([, tasks]) => tasks.includes(task!))?.[0];
    if (owner === undefined) throw new UsageError(`--task ${task}: no such task in ${topology}`);
    if (component !== undefined && owner !== component)
      throw new UsageError(`--task ${task}: a task of ${owner}, not of ${component}`);
  }
  return {
    topology,
    ...(component === undefined ? {} : { component }),
    ...(task === undefined ? {} : { task }),
    lines:
      options.lines === undefined ? DEFAULT_LOG_LINES : wholeNumber('--lines', options.lines, MAX_LOG_LINES),
    follow: options.follow === true,
  };
}

interface Source {
  readonly supervisor: string;
  readonly url: string;
}

/** Runs the command; resolves with the exit code. */
export async function logsCommand(
  topology: string,
  options: LogsOptions,
  env: LogsEnvironment = processEnvironment,
): Promise<number> {
  const name = topologyNameSchema.safeParse(topology);
  if (!name.success)
    throw new UsageError(`${topology}: not a topology name (${name.error.issues[0]?.message ?? 'invalid'})`);
  // Cheap checks before the store: a bad flag fails without a cluster.
  if (options.lines !== undefined) wholeNumber('--lines', options.lines, MAX_LOG_LINES);
  if (options.task !== undefined) wholeNumber('--task', options.task, 1_000_000_000);
  const store = await connectStore(clusterSettings(options), { retry: false, notice: env.warn });
  // Following keeps the store open, to find machines that join.
  let keepStore = false;
  let query: LogQuery;
  let supervisors: SupervisorRecord[];
  try {
    const record = await store.getTopology(name.data);
    if (record === null)
      throw new GaleError('TOPOLOGY_NOT_FOUND', `no topology named '${name.data}'`, {
        details: { topology: name.data },
      });
    query = checkedQuery(name.data, options, record.value.executors);
    supervisors = await store.listSupervisors();
    keepStore = query.follow;
  } finally {
    if (!keepStore) await store.coordination.close();
  }
  const warned = new Set<string>();
  const sourcesOf = (list: readonly SupervisorRecord[]): Source[] => {
    const out: Source[] = [];
    for (const s of list) {
      if (s.logUrl !== undefined) out.push({ supervisor: s.id, url: s.logUrl });
      else if (!warned.has(s.id)) {
        warned.add(s.id);
        env.warn(`gale: warning: supervisor ${s.id} serves no logs (it runs a Gale without a log server)`);
      }
    }
    return out;
  };
  const sources = sourcesOf(supervisors);
  const format =
    env.stdout.isTTY === true && options.json !== true ? prettyLineFormatter(true) : (t: string) => `${t}\n`;
  const print = (lines: readonly TimedLine[]): void => {
    if (lines.length > 0) env.stdout.write(lines.map((l) => format(l.text)).join(''));
  };
  const unavailable = (s: Source, err: unknown): void =>
    env.warn(
      `gale: warning: supervisor ${s.supervisor}: ${err instanceof Error ? err.message : String(err)}; its workers' lines are left out`,
    );
  if (!query.follow) return history(sources, query, print, unavailable);
  try {
    return await follow(sources, query, env, print, unavailable, async () =>
      sourcesOf(await store.listSupervisors()),
    );
  } finally {
    await store.coordination.close();
  }
}

/** The last `lines` lines of every source, merged by time. Exit 1 when no source answered. */
async function history(
  sources: readonly Source[],
  query: LogQuery,
  print: (lines: readonly TimedLine[]) => void,
  unavailable: (s: Source, err: unknown) => void,
): Promise<number> {
  const results = await Promise.all(
    sources.map(async (s) => {
      const lines: TimedLine[] = [];
      try {
        await readLogs({ url: s.url, query, onLine: (text) => lines.push({ time: lineTime(text), text }) });
        return lines;
      } catch (err) {
        unavailable(s, err);
        return null;
      }
    }),
  );
  const answered = results.filter((r) => r !== null);
  print(query.lines === 0 ? [] : mergeByTime(answered).slice(-query.lines));
  return answered.length === 0 && sources.length > 0 ? 1 : 0;
}

/**
 * The history of every source first (merged, the last `lines`), then new lines as they come, until
 * Ctrl-C (or SIGTERM), or until every source has ended. Every `DISCOVER_MS` the supervisors are
 * listed again (`discover`): a machine that joined is followed too, its lines all new.
 */
async function follow(
  sources: readonly Source[],
  query: LogQuery,
  env: LogsEnvironment,
  print: (lines: readonly TimedLine[]) => void,
  unavailable: (s: Source, err: unknown) => void,
  discover: () => Promise<Source[]>,
): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  for (const s of STOP_SIGNALS) env.signals.on(s, onSignal);
  const merger = new FollowMerger<TimedLine>(FOLLOW_WINDOW_MS, env.clock);
  const histories: TimedLine[][] = sources.map(() => []);
  let live = false;
  let answered = 0;
  const historyDone: Promise<void>[] = [];
  const reads = sources.map((s, i) => {
    let endHistory = (): void => {};
    historyDone.push(new Promise<void>((resolve) => (endHistory = resolve)));
    return readLogs({
      url: s.url,
      query,
      signal: abort.signal,
      onLine: (text, isHistory) => {
        const line = { time: lineTime(text), text };
        if (isHistory) histories[i]!.push(line);
        else merger.push(line);
      },
      onHistoryEnd: () => {
        answered++;
        endHistory();
      },
    })
      .then(() => {
        if (!abort.signal.aborted)
          env.warn(`gale: warning: supervisor ${s.supervisor}: its log server ended the stream`);
      })
      .catch((err: unknown) => unavailable(s, err))
      .finally(endHistory);
  });
  const tick = env.clock.setInterval(FOLLOW_TICK_MS, () => {
    if (live) print(merger.take());
  });
  const followed = new Set(sources.map((s) => `${s.supervisor} ${s.url}`));
  let discovering = false;
  const discovery = env.clock.setInterval(DISCOVER_MS, () => {
    if (discovering || abort.signal.aborted) return;
    discovering = true;
    discover()
      .then((found) => {
        for (const s of found) {
          const key = `${s.supervisor} ${s.url}`;
          if (followed.has(key) || abort.signal.aborted) continue;
          followed.add(key);
          // Joined after the start: even its history is new here.
          reads.push(
            readLogs({
              url: s.url,
              query,
              signal: abort.signal,
              onLine: (text) => merger.push({ time: lineTime(text), text }),
              onHistoryEnd: () => answered++,
            })
              .then(() => {
                if (!abort.signal.aborted)
                  env.warn(`gale: warning: supervisor ${s.supervisor}: its log server ended the stream`);
              })
              .catch((err: unknown) => unavailable(s, err)),
          );
        }
      })
      .catch(() => {
        // The store is unreachable for now: the machines followed so far go on; tried again later.
      })
      .finally(() => (discovering = false));
  });
  try {
    await Promise.race([
      Promise.all(historyDone),
      new Promise((r) => abort.signal.addEventListener('abort', r)),
    ]);
    print(query.lines === 0 ? [] : mergeByTime(histories).slice(-query.lines));
    live = true;
    // Until every read ended, those of machines found meanwhile included.
    for (let n = 0; n !== reads.length;) {
      n = reads.length;
      await Promise.all(reads);
    }
    print(merger.drain());
    return answered === 0 && followed.size > 0 ? 1 : 0;
  } finally {
    tick.cancel();
    discovery.cancel();
    abort.abort();
    for (const s of STOP_SIGNALS) env.signals.off(s, onSignal);
  }
}
