/**
 * The MessagePack codec of tuple values between workers (msgpackr): numbers stay numbers, bigints
 * stay bigints (64-bit and beyond), `Date`s and `Uint8Array`s (decoded as `Buffer`) travel as
 * themselves, plain objects as maps. Classes registered with `registerTupleType` travel through
 * msgpackr extensions, added the first time a codec sees them. Values were checked at emit
 * (`checkSerializable`), so nothing is silently turned into `{}`.
 */
import { addExtension, Packr } from 'msgpackr';
import { tupleTypeRegistry } from '../../api/tuple-types.js';

let syncedVersion = -1;

/** Makes msgpackr know every registered tuple type (cheap when nothing changed). */
export function syncTupleTypes(): void {
  const registry = tupleTypeRegistry();
  if (registry.version === syncedVersion) return;
  for (const t of registry.byId.values()) {
    addExtension({
      Class: t.type,
      type: t.id,
      write: (instance: unknown) => t.encode(instance as object),
      read: (data: unknown) => t.decode(data),
    });
  }
  syncedVersion = registry.version;
}

/** A packer for transport messages: no record extension, so any MessagePack reader can read them. */
export function createPackr(): Packr {
  syncTupleTypes();
  return new Packr({
    useRecords: false,
    mapsAsObjects: true,
    useBigIntExtension: true,
    int64AsType: 'bigint',
    encodeUndefinedAsNil: false,
  });
}
