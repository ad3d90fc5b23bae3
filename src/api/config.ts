/**
 * The topology config: one schema that gives both the TypeScript type and the validator, with
 * units in key names and defaults as data (STYLE.md H11). Validated once when a topology is
 * created or submitted; the runtime only ever sees the parsed, frozen result.
 *
 * @module
 */
import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { ConfigValidationError, type Problem } from './errors.js';

const positiveInt = () => z.number().int().min(1);

/** What a bolt's throw does: fail that tuple and go on (Storm's behaviour), or stop the worker. */
export const BOLT_ERROR_POLICIES = ['failTuple', 'stopWorker'] as const;
/** One of {@link BOLT_ERROR_POLICIES}. */
export type BoltErrorPolicy = (typeof BOLT_ERROR_POLICIES)[number];

/** Settings that may also be given per component (they override the topology's). */
const componentConfigShape = {
  /** Seconds between tick tuples sent to every task of a bolt; `null` for none. Storm: `topology.tick.tuple.freq.secs`. */
  tickTupleFreqSecs: z.number().positive().max(86_400).nullable(),
  /** Caps every component's parallelism and task count (mainly for local mode); `null` for no cap. */
  maxTaskParallelism: positiveInt().nullable(),
  /**
   * When `execute` throws: `failTuple` fails the input (its spout tuple is replayed) and records
   * the error; `stopWorker` records it and stops the worker, as an uncaught error in Storm does.
   */
  onBoltError: z.enum(BOLT_ERROR_POLICIES),
  /**
   * Spouts only: `nextTuple` is not called while a spout task has this many tuple trees pending
   * (emitted with a message id, not yet acked, failed or timed out); `null` for no limit. Only
   * applies while acking is on. Storm: `topology.max.spout.pending`.
   */
  maxSpoutPending: positiveInt()
    .max(1 << 24)
    .nullable(),
  /** Free-form settings for user code, read through `context.config.user`. */
  user: z.record(z.string(), z.unknown()),
};

/** The schema of the topology config. */
export const topologyConfigSchema = z
  .object({
    /** Logs every emitted tuple (slow; for debugging). */
    debug: z.boolean().default(false),
    /**
     * Number of workers the topology runs on; executors are spread over them round-robin. In local
     * mode the workers share this thread and exchange batches through the in-process transport.
     */
    workers: positiveInt().max(1024).default(1),
    tickTupleFreqSecs: componentConfigShape.tickTupleFreqSecs.default(null),
    maxTaskParallelism: componentConfigShape.maxTaskParallelism.default(null),
    onBoltError: componentConfigShape.onBoltError.default('failTuple'),
    /**
     * Acker tasks that track tuple trees; `null` for one per worker (Storm's default). `0` turns
     * tracking off: a spout's emit with a message id is acked as soon as `nextTuple` returns.
     * Storm: `topology.acker.executors`.
     */
    ackers: z
      .number()
      .int()
      .min(0)
      .max(1 << 16)
      .nullable()
      .default(null),
    /**
     * Seconds a tuple tree may take before its spout tuple is failed (and replayed by a reliable
     * spout). A tree times out between this and twice this after its emit or its last
     * `resetTimeout`. Storm: `topology.message.timeout.secs`.
     */
    messageTimeoutSecs: z.number().positive().max(86_400).default(30),
    maxSpoutPending: componentConfigShape.maxSpoutPending.default(null),
    /**
     * Tuples a task's receive queue holds before its producers stop (backpressure). A producer can
     * overshoot by the emits of one `execute` or `nextTuple` call, never more.
     */
    receiveQueueCapacity: positiveInt()
      .max(1 << 20)
      .default(1024),
    /**
     * Most tuples in one batch sent to another worker. Batches also go out at the end of every
     * scheduler slice, so a partial batch waits at most `schedulerSliceMs`.
     */
    transferBatchSize: positiveInt()
      .max(1 << 16)
      .default(256),
    /** Most tuples an executor handles in one scheduling step before others get their turn. */
    stepBudget: positiveInt()
      .max(1 << 16)
      .default(256),
    /** How long the scheduler runs steps back to back before it yields to the event loop. */
    schedulerSliceMs: z.number().positive().max(1000).default(5),
    /** Longest pause between `nextTuple` calls of a spout that keeps emitting nothing. */
    spoutIdleBackoffMaxMs: z.number().min(0).max(10_000).default(5),
    /**
     * Time what tasks do: execute and process latency, busy time (capacity) and backpressure
     * time. Counters (emitted, acked ...) and complete latency are kept either way. Measured
     * cost: see docs/benchmarks.md (metrics overhead).
     */
    metrics: z.boolean().default(true),
    /**
     * Tuples a shell bolt holds for its subprocess before it takes no more input (backpressure).
     * Storm: `topology.shellbolt.max.pending`.
     */
    shellBoltMaxPending: positiveInt()
      .max(1 << 20)
      .default(100),
    /**
     * Seconds a shell component's subprocess may stay silent (a bolt: no message at all, while it
     * is sent a heartbeat every second; a spout: no answer to a command) before it is killed and
     * restarted. Also the longest handshake. Storm: `topology.subprocess.timeout.secs`.
     */
    subprocessTimeoutSecs: z.number().positive().max(86_400).default(30),
    /** How many of the latest errors are kept per component. */
    maxErrorsPerComponent: z.number().int().min(0).max(10_000).default(10),
    user: componentConfigShape.user.default({}),
  })
  .strict();

/** The per-component config schema: a subset of the topology's keys, all optional. */
export const componentConfigSchema = z
  .object({
    tickTupleFreqSecs: componentConfigShape.tickTupleFreqSecs.optional(),
    maxTaskParallelism: componentConfigShape.maxTaskParallelism.optional(),
    onBoltError: componentConfigShape.onBoltError.optional(),
    maxSpoutPending: componentConfigShape.maxSpoutPending.optional(),
    user: componentConfigShape.user.optional(),
  })
  .strict();

/** A parsed, frozen topology config. */
export type TopologyConfig = Readonly<z.output<typeof topologyConfigSchema>>;
/** What users write: every key optional, defaults filled in on parse. */
export type TopologyConfigInput = z.input<typeof topologyConfigSchema>;
/** Per-component settings (a parsed component config). */
export type ComponentConfig = Readonly<z.output<typeof componentConfigSchema>>;
/** Per-component settings as users write them. */
export type ComponentConfigInput = z.input<typeof componentConfigSchema>;

/** The keys of the topology config, for help texts and error messages. */
export const TOPOLOGY_CONFIG_KEYS = Object.freeze(Object.keys(topologyConfigSchema.shape));

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Turns zod issues into problems that name the key path and the value found. */
export function zodProblems(error: z.ZodError, input: unknown, prefix: string): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p.length > 0).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ path: path ? `${path}.${key}` : key, message: 'unknown key' });
      continue;
    }
    const got = valueAt(input, issue.path);
    problems.push({
      path,
      message: `${issue.message.replace(/^Invalid input: /, '')}, got ${describeValue(got)}`,
    });
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Copies the `user` settings so that freezing the config never freezes (or aliases) the caller's
 * objects. They must be plain data: config travels to other processes in cluster mode.
 */
function cloneUser<T extends { user?: Record<string, unknown> }>(
  data: T,
  prefix: string,
): { data: T; problems: Problem[] } {
  if (data.user === undefined) return { data, problems: [] };
  const user: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(data.user)) {
    try {
      user[key] = structuredClone(value);
    } catch {
      problems.push({
        path: `${prefix}.user.${key}`,
        message: `must be plain data (no functions, symbols or class instances with private state), got ${describeValue(value)}`,
      });
    }
  }
  return { data: { ...data, user }, problems };
}

/**
 * Validates a topology config and fills in defaults. The input is not modified.
 *
 * @returns the frozen config, or the problems found (each with its key path), never both.
 */
export function checkTopologyConfig(
  input: unknown,
  prefix = 'topology',
): { config: TopologyConfig; problems: [] } | { config: undefined; problems: Problem[] } {
  const result = topologyConfigSchema.safeParse(input ?? {});
  if (result.success) {
    const { data, problems } = cloneUser(result.data, prefix);
    if (problems.length > 0) return { config: undefined, problems };
    return { config: deepFreeze(data), problems: [] };
  }
  return { config: undefined, problems: zodProblems(result.error, input, prefix) };
}

/** Validates a topology config; throws a {@link ConfigValidationError} listing every problem. */
export function parseTopologyConfig(input: unknown, prefix = 'topology'): TopologyConfig {
  const { config, problems } = checkTopologyConfig(input, prefix);
  if (config === undefined) throw new ConfigValidationError(problems, 'topology config');
  return config;
}

/** Validates a component config; returns it frozen or the problems found. */
export function checkComponentConfig(
  input: unknown,
  prefix: string,
): { config: ComponentConfig; problems: [] } | { config: undefined; problems: Problem[] } {
  const result = componentConfigSchema.safeParse(input ?? {});
  if (result.success) {
    const { data, problems } = cloneUser(result.data, prefix);
    if (problems.length > 0) return { config: undefined, problems };
    return { config: deepFreeze(data), problems: [] };
  }
  return { config: undefined, problems: zodProblems(result.error, input, prefix) };
}

/** The effective config of one component: its own settings over the topology's. */
export function effectiveConfig(topology: TopologyConfig, component: ComponentConfig): TopologyConfig {
  const merged: TopologyConfig = {
    ...topology,
    ...(component.tickTupleFreqSecs !== undefined ? { tickTupleFreqSecs: component.tickTupleFreqSecs } : {}),
    ...(component.maxTaskParallelism !== undefined
      ? { maxTaskParallelism: component.maxTaskParallelism }
      : {}),
    ...(component.onBoltError !== undefined ? { onBoltError: component.onBoltError } : {}),
    ...(component.maxSpoutPending !== undefined ? { maxSpoutPending: component.maxSpoutPending } : {}),
    user: { ...topology.user, ...component.user },
  };
  return deepFreeze(merged);
}
