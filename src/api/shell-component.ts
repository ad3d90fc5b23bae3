/**
 * Bolts and spouts written in any language: a subprocess speaking Storm's multilang protocol
 * (JSON over stdin/stdout), such as a script using Storm's `storm.py`, `storm.js` or `storm.rb`.
 * Use them wherever a bolt or spout goes, with any grouping and parallelism; each task runs its
 * own subprocess. See docs/multilang.md.
 *
 * @example
 * ```ts
 * const resources = new URL('./multilang/', import.meta.url).pathname;
 * const builder = new TopologyBuilder();
 * builder.setSpout(
 *   'sentences',
 *   () => new ShellSpout(['node', 'sentence-spout.js'], { cwd: resources, outputFields: ['sentence'] }),
 * );
 * builder
 *   .setBolt(
 *     'split',
 *     () => new ShellBolt(['python3', 'splitsentence.py'], { cwd: resources, outputFields: ['word'] }),
 *     2,
 *   )
 *   .shuffleGrouping('sentences');
 * ```
 *
 * @module
 */
import type { Bolt } from './bolt.js';
import { GaleError } from './errors.js';
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import type { Spout } from './spout.js';
import type { AnyStreams } from './streams.js';

/** How a shell component's subprocess is started, and what it emits. */
export interface ShellOptions {
  /**
   * The directory the subprocess runs in: where its script and library sit (Storm's
   * `resources/`). In cluster mode `gale submit` ships this directory with the topology and each
   * worker runs the subprocess in its copy. Default: the worker's own working directory.
   */
  readonly cwd?: string;
  /**
   * Variables added to the worker's environment; `PATH` is appended to the worker's `PATH` (as
   * Storm does), every other key replaces the worker's value.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Fields of the default stream. */
  readonly outputFields?: readonly string[];
  /** More streams: stream id to its fields (`{ direct: true }` for a direct stream). */
  readonly streams?: Readonly<
    Record<string, readonly string[] | { readonly fields: readonly string[]; readonly direct: true }>
  >;
  /**
   * Names of the shell metrics the subprocess may update with the `metrics` command (counters:
   * a number adds it, `null` adds 1). A metrics command naming another one is an error, as in
   * Storm.
   */
  readonly metrics?: readonly string[];
}

/** What the runtime needs to run a shell component. Internal: read through {@link shellSpecOf}. */
export interface ShellSpec {
  readonly kind: 'bolt' | 'spout';
  readonly command: readonly string[];
  readonly options: ShellOptions;
}

// Registered, not private: a topology bundle carries its own copy of this module, and the worker's
// Gale must still recognise the shell components it makes.
const SHELL: unique symbol = Symbol.for('gale.shellComponent');

function checkCommand(kind: string, command: readonly string[]): readonly string[] {
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    !command.every((c) => typeof c === 'string' && c.length > 0)
  )
    throw new GaleError(
      'TOPOLOGY_INVALID',
      `${kind}: the command must be a non-empty array of non-empty strings, such as ['python3', 'split.py'], got ${JSON.stringify(command)}`,
    );
  return Object.freeze(command.map((c) => String(c)));
}

function declareAll(d: OutputFieldsDeclarer<AnyStreams>, options: ShellOptions): void {
  if (options.outputFields !== undefined) d.declare([...options.outputFields]);
  for (const [stream, spec] of Object.entries(options.streams ?? {})) {
    if (Array.isArray(spec)) d.declareStream(stream, [...(spec as readonly string[])]);
    else {
      const s = spec as { readonly fields: readonly string[]; readonly direct: true };
      d.declareStream(stream, [...s.fields], { direct: s.direct });
    }
  }
}

function notInRuntime(kind: string): GaleError {
  return new GaleError(
    'COMPONENT_FAILED',
    `a ${kind} runs only inside a Gale worker (LocalCluster, gale run, a cluster worker), which starts its subprocess`,
  );
}

/**
 * A bolt run by a subprocess: every input tuple goes to it, and what it emits, acks and fails
 * comes back (Storm's `ShellBolt`).
 */
export class ShellBolt implements Bolt {
  readonly [SHELL]: ShellSpec;

  /**
   * @param command - the program and its arguments, e.g. `['python3', 'splitsentence.py']`
   * @param options - directory, environment, output fields
   */
  constructor(command: readonly string[], options: ShellOptions = {}) {
    this[SHELL] = Object.freeze({ kind: 'bolt', command: checkCommand('ShellBolt', command), options });
  }

  prepare(): void {
    throw notInRuntime('ShellBolt');
  }

  execute(): void {
    throw notInRuntime('ShellBolt');
  }

  cleanup(): void {}

  declareOutputFields(declarer: OutputFieldsDeclarer<AnyStreams>): void {
    declareAll(declarer, this[SHELL].options);
  }
}

/**
 * A spout run by a subprocess, in lock-step: Gale asks for the next tuple (and passes on acks,
 * fails, activation), the subprocess answers with its emits and `sync` (Storm's `ShellSpout`).
 */
export class ShellSpout implements Spout {
  readonly [SHELL]: ShellSpec;

  /**
   * @param command - the program and its arguments, e.g. `['node', 'randomsentence.js']`
   * @param options - directory, environment, output fields
   */
  constructor(command: readonly string[], options: ShellOptions = {}) {
    this[SHELL] = Object.freeze({ kind: 'spout', command: checkCommand('ShellSpout', command), options });
  }

  open(): void {
    throw notInRuntime('ShellSpout');
  }

  nextTuple(): void {
    throw notInRuntime('ShellSpout');
  }

  ack(): void {}

  fail(): void {}

  activate(): void {}

  deactivate(): void {}

  close(): void {}

  declareOutputFields(declarer: OutputFieldsDeclarer<AnyStreams>): void {
    declareAll(declarer, this[SHELL].options);
  }
}

/** The spec of a shell component, `null` for any other object. */
export function shellSpecOf(component: object): ShellSpec | null {
  return SHELL in component ? (component as { [SHELL]: ShellSpec })[SHELL] : null;
}
