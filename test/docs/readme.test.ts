/**
 * The README's code must compile: its tour is examples/tour.ts (type-checked by the build), and
 * this test checks that the README shows that file exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const ROOT = new URL('../../../', import.meta.url);

describe('readme', () => {
  it('readme - the short tour is examples/tour.ts verbatim', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    const block = /## A short tour\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block !== undefined, 'README has no "A short tour" TypeScript block');
    const tour = readFileSync(new URL('examples/tour.ts', ROOT), 'utf8')
      .split('\n')
      .filter((line, i) => !(i < 2 && line.startsWith('//')))
      .join('\n');
    assert.equal(block, tour);
  });

  it('readme - the quick start commands name files that exist', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    assert.match(readme, /npm ci && npm test/);
    const file = /npx gale run (\S+)/.exec(readme)?.[1];
    assert.ok(file !== undefined, 'no gale run command in the README');
    assert.doesNotThrow(() => readFileSync(new URL(file, ROOT)));
  });
});
