/**
 * Bundles a topology module into one ES module file with esbuild, as `gale submit` stores it: the
 * module and everything it imports (Gale's api included), for Node, so a worker on any machine can
 * import it alone. Node's built-in modules stay imports; `require` works inside the bundle for
 * CommonJS dependencies.
 */
import { build } from 'esbuild';
import { UsageError } from './usage-error.js';

export async function bundleTopology(file: string): Promise<Buffer> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __galeCreateRequire } from 'node:module'; const require = __galeCreateRequire(import.meta.url);",
      },
    });
    const out = result.outputFiles[0];
    if (out === undefined) throw new Error('esbuild produced no output');
    return Buffer.from(out.contents);
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
      .errors;
    const detail =
      errors !== undefined && errors.length > 0
        ? errors
            .map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text))
            .join('; ')
        : err instanceof Error
          ? err.message
          : String(err);
    throw new UsageError(`${file}: cannot bundle: ${detail}`);
  }
}
