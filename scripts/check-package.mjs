// Checks the package as npm would publish it: publint (package.json, exports, files) and
// are-the-types-wrong (types resolve for ESM consumers). Packs once, without running `prepare`
// (the build has already run), into a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'gale-pack-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
try {
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir]);
  const tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz')),
  );
  run('npx', ['--no-install', 'publint', tarball]);
  run('npx', ['--no-install', 'attw', tarball, '--profile', 'esm-only', '--format', 'table-flipped']);
} catch (err) {
  console.error(`check-package: ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
