/**
 * Custom value types in tuples. Tuples that cross workers are serialized (MessagePack). Strings,
 * numbers, booleans, `null`, `undefined`, bigints, `Date`s, `Uint8Array`s (and `Buffer`s), arrays
 * and plain objects of these travel as they are. Any other class must be registered here, with
 * how to turn an instance into such values and back; an unregistered one is an error at emit time
 * (`UNSERIALIZABLE_VALUE`), never a silent `{}`.
 *
 * Register at the top level of the topology module, so that every worker process that loads the
 * module registers the same types.
 *
 * @module
 */
import { GaleError } from './errors.js';

/** How one class travels between workers. */
export interface TupleType<T extends object = object> {
  /** The class; instances of it (not of its subclasses) use this type. */
  readonly type: abstract new (...args: never[]) => T;
  /** A number from 1 to 100, unique among registered types and the same in every worker. */
  readonly id: number;
  /** Turns an instance into serializable values (which may include other registered types). */
  encode(value: T): unknown;
  /** Rebuilds an instance from what `encode` returned. */
  decode(data: unknown): T;
}

const REGISTRY = Symbol.for('gale.tupleTypes');

interface Registry {
  readonly byClass: Map<unknown, TupleType>;
  readonly byId: Map<number, TupleType>;
  version: number;
}

/** The process-wide registry (shared by every copy of this package, like the error brand). */
export function tupleTypeRegistry(): Readonly<Registry> {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= { byClass: new Map(), byId: new Map(), version: 0 };
  return holder[REGISTRY];
}

/**
 * Registers a class whose instances may be tuple values. Registering the same class with the same
 * id again does nothing; a clash is a `GaleError` (`CONFIG_INVALID`).
 *
 * @example
 * ```ts
 * class Point {
 *   constructor(readonly x: number, readonly y: number) {}
 * }
 * registerTupleType({
 *   type: Point,
 *   id: 1,
 *   encode: (p) => [p.x, p.y],
 *   decode: (d) => new Point(...(d as [number, number])),
 * });
 * ```
 */
export function registerTupleType<T extends object>(spec: TupleType<T>): void {
  const registry = tupleTypeRegistry() as Registry;
  const { id, type } = spec;
  if (!Number.isInteger(id) || id < 1 || id > 100) {
    throw new GaleError(
      'CONFIG_INVALID',
      `tuple type id must be an integer from 1 to 100, got ${String(id)}`,
    );
  }
  if (typeof type !== 'function') {
    throw new GaleError('CONFIG_INVALID', 'registerTupleType needs the class as `type`');
  }
  const sameId = registry.byId.get(id);
  const sameClass = registry.byClass.get(type);
  if (sameId !== undefined && sameId.type === type) return;
  if (sameId !== undefined) {
    throw new GaleError(
      'CONFIG_INVALID',
      `tuple type id ${id} is taken by class ${sameId.type.name || '(anonymous)'}; ${type.name || 'this class'} needs another`,
    );
  }
  if (sameClass !== undefined) {
    throw new GaleError(
      'CONFIG_INVALID',
      `class ${type.name || '(anonymous)'} is already registered with id ${sameClass.id}`,
    );
  }
  const entry = spec as unknown as TupleType;
  registry.byId.set(id, entry);
  registry.byClass.set(type, entry);
  registry.version++;
}
