/**
 * Loads a topology module: TypeScript through tsx (no build step for the user), JavaScript through
 * `import()`. The module default-exports a topology or a function (sync or async) returning one.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { isTopology, type Topology } from '../api/index.js';
import { TopologyValidationError } from '../api/index.js';
import { UsageError } from './usage-error.js';

const TS = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JS = new Set(['.js', '.mjs', '.cjs']);

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function loadTopology(file: string): Promise<Topology> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`${file}: no such file`);
  if (!statSync(path).isFile()) throw new UsageError(`${file}: not a file`);
  const ext = extname(path);
  if (!TS.has(ext) && !JS.has(ext))
    throw new UsageError(`${file}: expected a .ts or .js module, got '${ext || 'no extension'}'`);
  let mod: unknown;
  try {
    mod = TS.has(ext)
      ? await tsImport(pathToFileURL(path).href, import.meta.url)
      : await import(pathToFileURL(path).href);
  } catch (err) {
    if (err instanceof TopologyValidationError) throw err;
    throw new UsageError(`${file}: failed to load: ${message(err)}`);
  }
  let exported = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
  // tsx may wrap a CommonJS-style default once more.
  if (typeof exported === 'object' && exported !== null && !isTopology(exported) && 'default' in exported)
    exported = exported.default;
  if (typeof exported === 'function') {
    try {
      exported = await (exported as () => unknown)();
    } catch (err) {
      if (err instanceof TopologyValidationError) throw err;
      throw new UsageError(`${file}: the exported function threw: ${message(err)}`);
    }
  }
  if (!isTopology(exported)) {
    throw new UsageError(
      `${file}: the module must default-export a topology (builder.createTopology()) or a function returning one`,
    );
  }
  return exported;
}
