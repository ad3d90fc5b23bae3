/**
 * Validation of a topology as declared through {@link TopologyBuilder}: every problem is collected
 * (with the component, stream or key it concerns) and reported at once.
 *
 * @module
 */
import type { BasicBolt, Bolt } from './bolt.js';
import { describeValue } from './describe-value.js';
import { checkComponentConfig, checkTopologyConfig, type ComponentConfig } from './config.js';
import { TopologyValidationError, type Problem } from './errors.js';
import { Fields } from './fields.js';
import type { CustomStreamGrouping, GroupingKind, GroupingSpec, RangeKey } from './grouping.js';
import type { OutputFieldsDeclarer, StreamOptions } from './output-fields-declarer.js';
import type { Spout } from './spout.js';
import { DEFAULT_STREAM } from './streams.js';
import {
  brandTopology,
  type BoltFactory,
  type ComponentDefinition,
  type SpoutFactory,
  type StreamDeclaration,
  type Subscription,
  type Topology,
} from './topology.js';

/** @internal A grouping as the user declared it, not yet checked. */
export type RawGrouping =
  | { readonly kind: Exclude<GroupingKind, 'fields' | 'partialKey' | 'range' | 'custom'> }
  | { readonly kind: 'fields' | 'partialKey'; readonly fields: unknown }
  | { readonly kind: 'range'; readonly field: unknown; readonly boundaries: unknown }
  | { readonly kind: 'custom'; readonly factory: unknown };

/** @internal A subscription as declared. */
export interface RawSubscription {
  readonly component: string;
  readonly stream: string;
  readonly grouping: RawGrouping;
}

/** @internal A component as declared. */
export interface RawComponent {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  readonly factory: unknown;
  readonly parallelism: unknown;
  numTasks: unknown;
  readonly configs: unknown[];
  readonly inputs: RawSubscription[];
}

const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Collects the streams a component declares, reporting bad declarations as problems. */
class CollectingDeclarer implements OutputFieldsDeclarer {
  readonly streams = new Map<string, StreamDeclaration>();

  constructor(
    private readonly component: string,
    private readonly problems: Problem[],
  ) {}

  declare(fields: readonly string[] | Fields, options?: StreamOptions): void {
    this.declareStream(DEFAULT_STREAM, fields, options);
  }

  declareStream(streamId: string, fields: readonly string[] | Fields, options: StreamOptions = {}): void {
    const path = `${this.component}.${String(streamId)}`;
    if (typeof streamId !== 'string' || streamId.length === 0) {
      this.problems.push({
        path: this.component,
        message: `stream ids must be non-empty strings, got ${describeValue(streamId)}`,
      });
      return;
    }
    if (streamId.startsWith('__')) {
      this.problems.push({ path, message: "stream ids starting with '__' are reserved for Gale" });
      return;
    }
    if (this.streams.has(streamId)) {
      this.problems.push({ path, message: 'stream declared twice' });
      return;
    }
    let parsed: Fields;
    try {
      parsed = fields instanceof Fields ? fields : new Fields(fields);
    } catch (err) {
      this.problems.push({ path, message: `bad fields: ${message(err)}` });
      return;
    }
    this.streams.set(
      streamId,
      Object.freeze({ id: streamId, fields: parsed, direct: options.direct === true }),
    );
  }
}

interface Checked {
  readonly raw: RawComponent;
  readonly config: ComponentConfig;
  readonly outputs: ReadonlyMap<string, StreamDeclaration> | undefined;
  parallelism: number;
  numTasks: number;
}

function checkInstance(
  raw: RawComponent,
  problems: Problem[],
): ReadonlyMap<string, StreamDeclaration> | undefined {
  if (typeof raw.factory !== 'function') {
    problems.push({
      path: raw.id,
      message: `the factory must be a function returning a ${raw.kind}, got ${describeValue(raw.factory)}`,
    });
    return undefined;
  }
  let instance: unknown;
  try {
    instance = (raw.factory as () => unknown)();
  } catch (err) {
    problems.push({ path: raw.id, message: `the factory threw: ${message(err)}` });
    return undefined;
  }
  const has = (name: string): boolean =>
    typeof instance === 'object' &&
    instance !== null &&
    typeof (instance as Record<string, unknown>)[name] === 'function';
  const wanted =
    raw.kind === 'spout'
      ? ['open', 'nextTuple', 'declareOutputFields']
      : ['execute', 'prepare', 'declareOutputFields'];
  const missing = wanted.filter((m) => !has(m));
  if (missing.length > 0) {
    problems.push({
      path: raw.id,
      message: `the factory must return a ${raw.kind}; the object it returned has no ${missing.join(', ')}`,
    });
    return undefined;
  }
  const declarer = new CollectingDeclarer(raw.id, problems);
  try {
    (instance as Spout | Bolt | BasicBolt).declareOutputFields(declarer);
  } catch (err) {
    problems.push({ path: raw.id, message: `declareOutputFields threw: ${message(err)}` });
    return undefined;
  }
  return declarer.streams;
}

function checkGrouping(
  sub: RawSubscription,
  where: string,
  stream: StreamDeclaration | undefined,
  targetTasks: number,
  problems: Problem[],
): GroupingSpec | undefined {
  const g = sub.grouping;
  const fail = (msg: string): undefined => {
    problems.push({ path: where, message: msg });
    return undefined;
  };
  if (stream !== undefined) {
    if (g.kind === 'direct' && !stream.direct) {
      return fail(`direct grouping on '${sub.component}.${sub.stream}', which is not a direct stream`);
    }
    if (g.kind !== 'direct' && stream.direct) {
      return fail(
        `'${sub.component}.${sub.stream}' is a direct stream; only a direct grouping can consume it`,
      );
    }
  }
  switch (g.kind) {
    case 'shuffle':
    case 'all':
    case 'global':
    case 'none':
    case 'direct':
    case 'localOrShuffle':
      return { kind: g.kind };
    case 'fields':
    case 'partialKey': {
      let fields: Fields;
      try {
        if (!(g.fields instanceof Fields) && !Array.isArray(g.fields))
          throw new TypeError(`expected a list of field names, got ${describeValue(g.fields)}`);
        fields = g.fields instanceof Fields ? g.fields : new Fields(g.fields as readonly string[]);
      } catch (err) {
        return fail(`${g.kind} grouping: ${message(err)}`);
      }
      if (fields.size === 0) return fail(`${g.kind} grouping needs at least one field`);
      if (stream !== undefined) {
        const unknown = fields.names.filter((f) => !stream.fields.contains(f));
        if (unknown.length > 0) {
          return fail(
            `${g.kind} grouping on undeclared field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `'${f}'`).join(', ')} (the stream has ${stream.fields.toString()})`,
          );
        }
      }
      return { kind: g.kind, fields };
    }
    case 'range': {
      if (typeof g.field !== 'string')
        return fail(`range grouping: the key field must be a field name, got ${describeValue(g.field)}`);
      if (stream !== undefined && !stream.fields.contains(g.field)) {
        return fail(
          `range grouping on undeclared field '${g.field}' (the stream has ${stream.fields.toString()})`,
        );
      }
      if (!Array.isArray(g.boundaries))
        return fail(`range grouping: boundaries must be a list, got ${describeValue(g.boundaries)}`);
      const boundaries = g.boundaries as unknown[];
      const kinds = new Set(boundaries.map((b) => typeof b));
      const kind = [...kinds][0];
      if (
        kinds.size > 1 ||
        (kind !== undefined && kind !== 'number' && kind !== 'string' && kind !== 'bigint')
      ) {
        return fail('range grouping: boundaries must all be numbers, all strings or all bigints');
      }
      if (boundaries.some((b) => typeof b === 'number' && Number.isNaN(b)))
        return fail('range grouping: a boundary is NaN');
      for (let i = 1; i < boundaries.length; i++) {
        if (!((boundaries[i - 1] as RangeKey) < (boundaries[i] as RangeKey))) {
          return fail(
            `range grouping: boundaries must be strictly ascending, but ${describeValue(boundaries[i - 1])} >= ${describeValue(boundaries[i])}`,
          );
        }
      }
      if (boundaries.length !== targetTasks - 1) {
        return fail(
          `range grouping: ${boundaries.length} boundar${boundaries.length === 1 ? 'y' : 'ies'} for ${targetTasks} task${targetTasks === 1 ? '' : 's'}; give exactly ${targetTasks - 1} (one fewer than the tasks)`,
        );
      }
      return { kind: 'range', field: g.field, boundaries: Object.freeze([...(boundaries as RangeKey[])]) };
    }
    case 'custom':
      if (typeof g.factory !== 'function') {
        return fail(
          `custom grouping: expected a factory function returning a CustomStreamGrouping, got ${describeValue(g.factory)}`,
        );
      }
      return { kind: 'custom', factory: g.factory as () => CustomStreamGrouping };
  }
}

function findCycles(components: ReadonlyMap<string, Checked>, problems: Problem[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    const c = components.get(id);
    for (const input of c?.raw.inputs ?? []) {
      const up = input.component;
      if (!components.has(up)) continue;
      const s = state.get(up);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(up)), up].reverse();
        const key = [...new Set(cycle)].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ path: up, message: `cycle: ${cycle.join(' -> ')}` });
        }
      } else if (s === undefined) {
        visit(up);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of components.keys()) if (!state.has(id)) visit(id);
}

/** @internal Validates declared components and config; returns the topology or throws with every problem. */
export function validateTopology(raws: readonly RawComponent[], configInput: unknown): Topology {
  const problems: Problem[] = [];
  const topo = checkTopologyConfig(configInput);
  problems.push(...topo.problems);
  const cap = topo.config?.maxTaskParallelism ?? null;

  const checked = new Map<string, Checked>();
  for (const raw of raws) {
    if (typeof raw.id !== 'string' || raw.id.length === 0) {
      problems.push({ path: describeValue(raw.id), message: `component ids must be non-empty strings` });
      continue;
    }
    if (raw.id.startsWith('__')) {
      problems.push({ path: raw.id, message: "component ids starting with '__' are reserved for Gale" });
      continue;
    }
    if (checked.has(raw.id)) {
      problems.push({
        path: raw.id,
        message: `duplicate component id (declared as a ${checked.get(raw.id)?.raw.kind} and again as a ${raw.kind})`,
      });
      continue;
    }
    let config: ComponentConfig = {};
    for (const c of raw.configs) {
      const r = checkComponentConfig(c, `${raw.id}.config`);
      problems.push(...r.problems);
      if (r.config) config = { ...config, ...r.config, user: { ...config.user, ...r.config.user } };
    }
    let parallelism = 1;
    if (!isPositiveInt(raw.parallelism)) {
      problems.push({
        path: raw.id,
        message: `parallelism must be an integer >= 1, got ${describeValue(raw.parallelism)}`,
      });
    } else parallelism = raw.parallelism;
    let numTasks = parallelism;
    if (raw.numTasks !== undefined) {
      if (!isPositiveInt(raw.numTasks)) {
        problems.push({
          path: raw.id,
          message: `numTasks must be an integer >= 1, got ${describeValue(raw.numTasks)}`,
        });
      } else if (raw.numTasks < parallelism) {
        problems.push({
          path: raw.id,
          message: `numTasks (${raw.numTasks}) is less than the parallelism (${parallelism}); every executor needs a task`,
        });
      } else numTasks = raw.numTasks;
    }
    const componentCap = config.maxTaskParallelism !== undefined ? config.maxTaskParallelism : cap;
    if (componentCap !== null) {
      parallelism = Math.min(parallelism, componentCap);
      numTasks = Math.min(numTasks, componentCap);
    }
    const outputs = checkInstance(raw, problems);
    checked.set(raw.id, { raw, config: Object.freeze(config), outputs, parallelism, numTasks });
  }

  const definitions = new Map<string, ComponentDefinition>();
  for (const c of checked.values()) {
    const { raw } = c;
    const outputs = c.outputs ?? new Map<string, StreamDeclaration>();
    if (raw.kind === 'spout') {
      definitions.set(
        raw.id,
        Object.freeze({
          kind: 'spout',
          id: raw.id,
          factory: raw.factory as SpoutFactory,
          parallelism: c.parallelism,
          numTasks: c.numTasks,
          config: c.config,
          outputs,
        }),
      );
      continue;
    }
    if (raw.inputs.length === 0)
      problems.push({ path: raw.id, message: 'bolt has no inputs; subscribe it with a grouping' });
    const inputs: Subscription[] = [];
    const seen = new Set<string>();
    for (const sub of raw.inputs) {
      const where = `${raw.id} <- ${String(sub.component)}.${String(sub.stream)}`;
      if (typeof sub.stream !== 'string' || sub.stream.length === 0) {
        problems.push({
          path: where,
          message: `stream ids must be non-empty strings, got ${describeValue(sub.stream)}`,
        });
        continue;
      }
      const key = `${sub.component}\u0000${sub.stream}`;
      if (seen.has(key)) {
        problems.push({ path: where, message: 'subscribed twice to the same stream' });
        continue;
      }
      seen.add(key);
      const upstream = checked.get(sub.component);
      let stream: StreamDeclaration | undefined;
      if (upstream === undefined) {
        problems.push({ path: where, message: `unknown component '${String(sub.component)}'` });
      } else if (upstream.outputs !== undefined) {
        stream = upstream.outputs.get(sub.stream);
        if (stream === undefined) {
          const known = [...upstream.outputs.keys()];
          problems.push({
            path: where,
            message: `unknown stream '${sub.stream}' of '${sub.component}' (it declares ${known.length ? known.map((s) => `'${s}'`).join(', ') : 'no streams'})`,
          });
        }
      }
      const grouping = checkGrouping(sub, where, stream, c.numTasks, problems);
      if (grouping !== undefined)
        inputs.push(Object.freeze({ component: sub.component, stream: sub.stream, grouping }));
    }
    definitions.set(
      raw.id,
      Object.freeze({
        kind: 'bolt',
        id: raw.id,
        factory: raw.factory as BoltFactory,
        parallelism: c.parallelism,
        numTasks: c.numTasks,
        config: c.config,
        outputs,
        inputs: Object.freeze(inputs),
      }),
    );
  }
  findCycles(checked, problems);
  if (checked.size === 0 && problems.length === 0)
    problems.push({ path: 'topology', message: 'no components; add a spout' });
  else if (![...checked.values()].some((c) => c.raw.kind === 'spout'))
    problems.push({ path: 'topology', message: 'no spout; a topology needs at least one' });

  if (problems.length > 0 || topo.config === undefined) throw new TopologyValidationError(problems);
  return brandTopology(definitions, topo.config);
}
