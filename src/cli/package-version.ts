import { readFileSync } from 'node:fs';

/** The package version, read at run time from the package.json next to dist/. */
export function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
      return pkg.version;
    }
  } catch {
    // Fall through: a missing version is no reason to fail a command.
  }
  return 'unknown';
}
