// Installs the servers the tests run against when they are missing: `node scripts/ensure-infra.mjs
// etcd chromium`. Debian packages through apt-get (update first), which needs root, as on CI. Prints one
// line per package it installed; nothing when all is present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = {
  etcd: { binary: '/usr/bin/etcd', packages: ['etcd-server', 'etcd-client'] },
  // The browser test's headless Chromium (driven by playwright-core, which downloads no browser).
  chromium: { binary: '/usr/bin/chromium', packages: ['chromium'] },
  // The Ruby multilang tests (test/multilang/resources/*.rb); Python 3 comes with the machine.
  // Optional: without root it is left out, and those tests skip themselves.
  ruby: { binary: '/usr/bin/ruby', packages: ['ruby'], optional: true },
};

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`ensure-infra: '${cmd} ${args.join(' ')}' failed (exit ${r.status})`);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in PACKAGES));
if (unknown.length > 0) {
  console.error(
    `ensure-infra: unknown component(s) ${unknown.join(', ')}; known: ${Object.keys(PACKAGES).join(', ')}`,
  );
  process.exit(2);
}
const missing = wanted.filter((w) => !existsSync(PACKAGES[w].binary));
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(
      `ensure-infra: ${missing.join(', ')} missing and not root: install ${missing.flatMap((m) => PACKAGES[m].packages).join(' ')}`,
    );
    process.exit(missing.every((m) => PACKAGES[m].optional) ? 0 : 1);
  }
  const packages = missing.flatMap((m) => PACKAGES[m].packages);
  console.error(`ensure-infra: installing ${packages.join(' ')} (apt-get)`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  for (const m of missing)
    if (!existsSync(PACKAGES[m].binary)) throw new Error(`ensure-infra: ${m} still missing after install`);
}
