/**
 * Whether a tuple value can be serialized for another worker, checked when a tuple is handed to
 * the transport: the emit then fails with a message naming the component, stream and field,
 * instead of the value arriving as `{}` or `undefined`. What travels is listed in
 * `src/api/tuple-types.ts`.
 */
import { GaleError } from '../../api/errors.js';
import { tupleTypeRegistry } from '../../api/tuple-types.js';
import type { StreamSchema } from '../tuple/stream-schema.js';

const MAX_DEPTH = 64;

/** Why `value` cannot be serialized (a phrase such as "a function"), or `null` when it can. */
export function unserializable(value: unknown, depth = 0): string | null {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return null;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'object':
      break;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) return `values nested more than ${MAX_DEPTH} levels deep (or a cycle)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = unserializable(value[i], depth + 1);
      if (inner !== null) return `${inner} at [${i}]`;
    }
    return null;
  }
  if (value instanceof Uint8Array || value instanceof Date) return null;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype || proto === null) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const problem = unserializable(inner, depth + 1);
      if (problem !== null) return `${problem} at .${key}`;
    }
    return null;
  }
  const ctor = (proto as { constructor?: unknown }).constructor;
  if (tupleTypeRegistry().byClass.has(ctor)) return null;
  const name = typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'an anonymous class';
  return `an instance of ${name} (not registered with registerTupleType)`;
}

/** Throws `UNSERIALIZABLE_VALUE` naming the field if a value of the tuple cannot travel. */
export function checkSerializable(
  values: readonly unknown[],
  schema: StreamSchema,
  sourceTask: number,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Most values are primitives: decided without a call.
    if (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol') continue;
    const problem = unserializable(v);
    if (problem === null) continue;
    const field = schema.fields.names[i] ?? `#${i}`;
    throw new GaleError(
      'UNSERIALIZABLE_VALUE',
      `'${schema.component}.${schema.stream}' field '${field}' holds ${problem}, which cannot be sent to another worker; use plain data, or register the class with registerTupleType`,
      { details: { component: schema.component, stream: schema.stream, field, taskId: sourceTask } },
    );
  }
}
