import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePort } from './parse-port.js';

describe('parsePort', () => {
  it('parsePort - takes 0 to 65535 and names the flag otherwise', () => {
    assert.equal(parsePort('0', '--ui-port'), 0);
    assert.equal(parsePort(' 8080 ', '--ui-port'), 8080);
    assert.equal(parsePort('65535', '--ui-port'), 65_535);
    for (const bad of ['-1', '65536', 'x', '', '1.5', '80a'])
      assert.throws(() => parsePort(bad, '--ui-port'), /--ui-port: expected a port from 0/);
  });
});
