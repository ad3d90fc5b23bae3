/**
 * Loads a topology module. TypeScript loads directly, with no build step for the user: tsx's
 * loader hooks are registered for the whole process, then the file is imported like any other.
 *
 * Why not `tsImport`: it loads the module in its own namespace, so the module's imports of
 * `gale` get a second copy of the api, whose classes (`FailedTupleError`, `GaleError`) are not
 * the runtime's and fail its `instanceof` checks. With the hooks registered globally the module
 * shares this process's copy, as a JavaScript module does.
 *
 * The module default-exports a topology or a function (sync or async) returning one.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';
import { isTopology, type Topology } from '../api/index.js';
import { galeErrorCode } from './report-failure.js';
import { UsageError } from './usage-error.js';

const TS_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.mts', '.cts']);
const JS_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.mjs', '.cjs']);

let tsxRegistered = false;

/** Once per process; never undone, since user code may import more TypeScript while it runs. */
function registerTsx(): void {
  if (tsxRegistered) return;
  registerEsm();
  registerCjs();
  tsxRegistered = true;
}

/** One line, whatever the error: tsx's syntax errors span several. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Invalid topologies and configs keep their own report, which lists every problem. */
function rethrowIfInvalid(err: unknown): void {
  const code = galeErrorCode(err);
  if (code === 'TOPOLOGY_INVALID' || code === 'CONFIG_INVALID') throw err;
}

/** `exports.default` when the module has one (an ES module compiled to CommonJS), else the module. */
function unwrapDefault(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !isTopology(value) && 'default' in value
    ? value.default
    : value;
}

/** The module's default export. */
async function importDefault(path: string, ext: string): Promise<unknown> {
  // Node 20 cannot `import()` a .cts through tsx's hooks; `require` can.
  if (ext === '.cts') return unwrapDefault(createRequire(import.meta.url)(path));
  const mod: unknown = await import(pathToFileURL(path).href);
  // A CommonJS module's namespace holds `module.exports` as its default.
  return typeof mod === 'object' && mod !== null && 'default' in mod ? unwrapDefault(mod.default) : undefined;
}

/**
 * @throws UsageError for a missing file, a module that fails to load or exports no topology;
 * the module's own `TopologyValidationError` or `ConfigValidationError` as it is.
 */
export async function loadTopology(file: string): Promise<Topology> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`${file}: no such file`);
  if (!statSync(path).isFile()) throw new UsageError(`${file}: not a file`);
  const ext = extname(path);
  if (!TS_EXTENSIONS.has(ext) && !JS_EXTENSIONS.has(ext)) {
    throw new UsageError(
      `${file}: expected a .ts, .mts, .cts, .js, .mjs or .cjs module, got '${ext || 'no extension'}'`,
    );
  }
  if (TS_EXTENSIONS.has(ext)) registerTsx();

  let exported: unknown;
  try {
    exported = await importDefault(path, ext);
  } catch (err) {
    rethrowIfInvalid(err);
    throw new UsageError(`${file}: failed to load: ${oneLine(err)}`);
  }
  if (typeof exported === 'function') {
    try {
      // Any function is allowed here; what it returns is checked below.
      exported = await Reflect.apply(exported, undefined, []);
    } catch (err) {
      rethrowIfInvalid(err);
      throw new UsageError(`${file}: the default-exported function threw: ${oneLine(err)}`);
    }
  }
  if (!isTopology(exported)) {
    throw new UsageError(
      `${file}: the default export must be a topology (builder.createTopology()) or a function returning one`,
    );
  }
  return exported;
}
