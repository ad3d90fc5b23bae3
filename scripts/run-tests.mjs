// Runs every compiled test file (dist/**/*.test.js) with node's built-in test runner.
// Node 20's `node --test` takes no globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['dist/src', 'dist/test'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.js')) files.push(path);
  }
};
for (const root of roots) {
  try {
    walk(root);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}
files.sort();
const filter = process.argv.slice(2);
const chosen = filter.length ? files.filter((f) => filter.some((p) => f.includes(p))) : files;
if (chosen.length === 0) {
  console.error('run-tests: no test files found under dist/ (did the build run?)');
  process.exit(1);
}
// Integration tests run against real servers: install the missing ones first (once, not per file).
// Chromium only when a browser test (test/browser/) is among them: it is a large package; Ruby only
// for the multilang tests.
const needs = [
  'etcd',
  ...(chosen.some((f) => f.includes('/browser/')) ? ['chromium'] : []),
  ...(chosen.some((f) => f.includes('multilang')) ? ['ruby'] : []),
];
const infra = spawnSync(process.execPath, ['scripts/ensure-infra.mjs', ...needs], { stdio: 'inherit' });
if (infra.status !== 0) process.exit(infra.status ?? 1);
const result = spawnSync(
  process.execPath,
  ['--expose-gc', '--test', '--test-reporter=spec', '--test-timeout=120000', ...chosen],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
