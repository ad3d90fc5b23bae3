/**
 * The split bolts the multilang bench runs, from the multilang tests' own client libraries
 * (test/multilang/resources): one per language, each splitting a sentence on single spaces and
 * emitting `[word]` anchored to it, then acking it.
 */
import { fileURLToPath } from 'node:url';

/** From dist/bench/multilang/ up to the repository, then test/multilang/resources/. */
export const RESOURCES = fileURLToPath(new URL('../../../test/multilang/resources/', import.meta.url));

/** Keeps Python from writing `__pycache__` into the resources directory. */
export const SHELL_ENV = { PYTHONDONTWRITEBYTECODE: '1' };

export const SPLIT_COMMANDS = {
  python: ['python3', 'split_sentence.py'],
  node: ['node', 'split-sentence.cjs'],
  ruby: ['ruby', 'split_sentence.rb'],
} as const satisfies Record<string, readonly string[]>;

export type ShellLanguage = keyof typeof SPLIT_COMMANDS;
