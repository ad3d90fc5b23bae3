import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topologyNameOf } from './topology-name.js';

describe('topology-name', () => {
  it('topology-name - is the base name without extension', () => {
    assert.equal(topologyNameOf('examples/word-count.ts'), 'word-count');
    assert.equal(topologyNameOf('/abs/dir/my_topo.v2.mjs'), 'my_topo.v2');
  });

  it('topology-name - replaces characters the cluster rejects and trims a bad start', () => {
    assert.equal(topologyNameOf('my topology (copy).ts'), 'my-topology-copy-');
    assert.equal(topologyNameOf('_private.ts'), 'private');
    assert.equal(topologyNameOf('.hidden.ts'), 'hidden');
    assert.equal(topologyNameOf('ünïcode.ts'), 'n-code');
  });

  it('topology-name - falls back when nothing usable is left, and caps the length', () => {
    assert.equal(topologyNameOf('___.ts'), 'topology');
    assert.equal(topologyNameOf(`${'a'.repeat(300)}.ts`), 'a'.repeat(128));
  });
});
