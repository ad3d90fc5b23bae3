// Builds the web UI into dist/web (served by src/ui at `/`): web/src/main.ts bundled with its
// libraries (dagre, uPlot) into assets/app.js, web/styles.css (with uPlot's CSS) into
// assets/app.css, and index.html copied. Type-checking is `tsc -p web/tsconfig.json`, in `build`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const out = 'dist/web';
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/assets`, { recursive: true });
const common = { bundle: true, minify: true, sourcemap: true, logLevel: 'warning', legalComments: 'eof' };
await build({
  ...common,
  entryPoints: { app: 'web/src/main.ts' },
  outdir: `${out}/assets`,
  format: 'esm',
  target: ['es2022'],
  platform: 'browser',
});
await build({ ...common, entryPoints: { app: 'web/styles.css' }, outdir: `${out}/assets` });
copyFileSync('web/index.html', `${out}/index.html`);
