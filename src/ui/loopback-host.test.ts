import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackAddress, isLoopbackHost } from './loopback-host.js';

describe('loopback host', () => {
  it('loopback host - loopback bind addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackAddress(a), a);
    for (const a of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', '128.0.0.1'])
      assert.ok(!isLoopbackAddress(a), a);
  });

  it('loopback host - Host headers naming loopback pass, others (DNS rebinding) do not', () => {
    for (const h of [
      undefined,
      'localhost',
      'localhost:8080',
      'LOCALHOST:8080',
      'ui.localhost:80',
      'localhost.',
      '127.0.0.1',
      '127.0.0.1:8080',
      '[::1]',
      '[::1]:8080',
    ])
      assert.ok(isLoopbackHost(h), String(h));
    for (const h of [
      'evil.example',
      'evil.example:8080',
      'localhost.evil.example',
      '127.0.0.1.evil.example:8080',
      '10.0.0.1:8080',
      '[::2]:8080',
      '',
    ])
      assert.ok(!isLoopbackHost(h), h);
  });
});
