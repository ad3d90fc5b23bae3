import { basename, extname } from 'node:path';

const MAX_LENGTH = 128;

/**
 * The default topology name for a module file: its base name without extension, made to fit the
 * pattern `LocalCluster` accepts (letters, digits, `.`, `_`, `-`; starting with a letter or digit).
 */
export function topologyNameOf(file: string): string {
  const name = basename(file, extname(file))
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_LENGTH);
  return name.length > 0 ? name : 'topology';
}
