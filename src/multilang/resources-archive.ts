/**
 * The archive of a shell component's resources directory (its `cwd`), as `gale submit` ships it
 * with the topology and cluster workers unpack it: a MessagePack-encoded
 * `{ format: 'gale-resources/1', entries: [{ path, mode, bytes }] }`, one entry per regular file,
 * paths relative and `/`-separated, sorted (the same directory packs to the same bytes, so its
 * content hash is stable). Dotfiles and dot-directories (`.git`, `node_modules/.cache`) and
 * `__pycache__` are left out. A symlink is followed when it points inside the directory and refused
 * when it points outside.
 */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pack, unpack } from 'msgpackr';
import { GaleError } from '../api/errors.js';

export const RESOURCES_FORMAT = 'gale-resources/1';
/** Default largest resources directory (sum of its files, and the archive itself). */
export const MAX_RESOURCES_BYTES = 32 * 1024 * 1024;

/** One file of a resources archive. */
export interface ResourceEntry {
  /** Relative, `/`-separated, without `.` or `..` segments. */
  readonly path: string;
  /** Permission bits (`0o755` for an executable script). */
  readonly mode: number;
  readonly bytes: Uint8Array;
}

function skipped(name: string): boolean {
  return name.startsWith('.') || name === '__pycache__';
}

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The files of `dir`, read recursively; `BUNDLE_TOO_LARGE` over `maxBytes` in all. */
export function readResources(dir: string, maxBytes = MAX_RESOURCES_BYTES): ResourceEntry[] {
  const top = resolve(dir);
  let root: string;
  try {
    root = realpathSync(top);
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new GaleError(
      'TOPOLOGY_INVALID',
      `shell component directory ${top}: cannot be shipped with the topology: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const entries: ResourceEntry[] = [];
  let total = 0;
  const walk = (real: string, rel: string, chain: readonly string[]): void => {
    for (const name of readdirSync(real).sort()) {
      if (skipped(name)) continue;
      const relPath = rel === '' ? name : `${rel}/${name}`;
      let file = join(real, name);
      const where = `${join(top, ...relPath.split('/'))}`;
      if (lstatSync(file).isSymbolicLink()) {
        const target = realpathSync(file);
        if (!inside(root, target))
          throw new GaleError(
            'TOPOLOGY_INVALID',
            `shell component directory ${top}: ${where} is a symlink to ${target}, outside the directory; copy the file in instead`,
          );
        file = target;
      }
      const st = statSync(file);
      if (st.isDirectory()) {
        if (chain.includes(file))
          throw new GaleError(
            'TOPOLOGY_INVALID',
            `shell component directory ${top}: ${where} is a symlink loop`,
          );
        walk(file, relPath, [...chain, file]);
      } else if (st.isFile()) {
        total += st.size;
        if (total > maxBytes)
          throw new GaleError(
            'BUNDLE_TOO_LARGE',
            `shell component directory ${top} holds more than ${maxBytes} bytes (at ${where}); it ships with the topology, so keep large data elsewhere`,
          );
        entries.push({ path: relPath, mode: st.mode & 0o777, bytes: readFileSync(file) });
      }
    }
  };
  walk(root, '', [root]);
  return entries;
}

/** `dir` packed into one archive (see the module comment). */
export function packResources(dir: string, maxBytes = MAX_RESOURCES_BYTES): Buffer {
  const entries = readResources(dir, maxBytes);
  const archive = pack({ format: RESOURCES_FORMAT, entries });
  if (archive.byteLength > maxBytes)
    throw new GaleError(
      'BUNDLE_TOO_LARGE',
      `shell component directory ${resolve(dir)} packs to ${archive.byteLength} bytes, over the limit of ${maxBytes} bytes`,
    );
  return archive;
}

function invalid(what: string, problem: string): GaleError {
  return new GaleError('STORE_RECORD_INVALID', `resources archive ${what}: ${problem}`, {
    domain: 'external',
  });
}

/** The entries of an archive, checked: `STORE_RECORD_INVALID` naming the entry at fault. */
export function decodeResources(archive: Uint8Array, what = ''): ResourceEntry[] {
  let decoded: unknown;
  try {
    decoded = unpack(archive);
  } catch (err) {
    throw invalid(what, `not MessagePack: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof decoded !== 'object' || decoded === null || !('format' in decoded) || !('entries' in decoded))
    throw invalid(what, 'not a resources archive');
  if (decoded.format !== RESOURCES_FORMAT)
    throw invalid(what, `format ${JSON.stringify(decoded.format)}, expected ${RESOURCES_FORMAT}`);
  if (!Array.isArray(decoded.entries)) throw invalid(what, 'entries is not a list');
  return (decoded.entries as unknown[]).map((e, i) => {
    const entry = e as Partial<Record<keyof ResourceEntry, unknown>>;
    const { path, mode, bytes } = entry;
    if (typeof path !== 'string' || !Number.isInteger(mode) || !(bytes instanceof Uint8Array))
      throw invalid(what, `entry ${i} is not { path, mode, bytes }`);
    const segments = path.split('/');
    if (
      isAbsolute(path) ||
      path.includes('\\') ||
      path.includes('\0') ||
      segments.some((s) => s === '' || s === '.' || s === '..')
    )
      throw invalid(
        what,
        `entry ${JSON.stringify(path)} is not a plain relative path (absolute or with '..')`,
      );
    return { path, mode: (mode as number) & 0o777, bytes };
  });
}

/** Writes the files of `archive` under `target` (created), with their modes. */
export function unpackResources(archive: Uint8Array, target: string, what = ''): void {
  const entries = decodeResources(archive, what);
  mkdirSync(target, { recursive: true });
  for (const e of entries) {
    const file = join(target, ...e.path.split('/'));
    if (relative(target, file).startsWith('..'))
      throw invalid(what, `entry ${JSON.stringify(e.path)} escapes`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, e.bytes);
    // Set after writing: the mode given to writeFileSync is masked by the umask.
    chmodSync(file, e.mode);
  }
}
