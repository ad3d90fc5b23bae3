import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GaleError } from '../api/errors.js';
import { startLogDirServer, type LogDirServer } from '../../test/helpers/log-dir-server.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { readLogs } from './log-client.js';

const json = (time: number, msg: string): string =>
  `${JSON.stringify({ level: 30, time, topology: 'wc', worker: 's1:1', component: 'c', task: 1, msg })}\n`;

describe('log client', () => {
  let logs: LogDirServer;
  let url = '';
  before(async () => {
    logs = await startLogDirServer({ 'wc-1.log': json(1, 'one') + json(2, 'two') });
    url = logs.url;
  });
  after(async () => {
    await logs.close();
  });

  it('log client - reads the history, then followed lines, marked as such, until aborted', async () => {
    const got: [string, boolean][] = [];
    let historyEnded = 0;
    const abort = new AbortController();
    const done = readLogs({
      url,
      query: { topology: 'wc', lines: 10, follow: true },
      signal: abort.signal,
      onLine: (text, history) => got.push([/"msg":"(\w+)"/.exec(text)?.[1] ?? text, history]),
      onHistoryEnd: () => historyEnded++,
    });
    await waitFor(() => historyEnded === 1);
    appendFileSync(join(logs.dir, 'wc-1.log'), json(3, 'three'));
    await waitFor(() => got.length === 3);
    abort.abort();
    await done;
    assert.deepEqual(got, [
      ['one', true],
      ['two', true],
      ['three', false],
    ]);
    assert.equal(historyEnded, 1);
  });

  it('log client - a server that is not there, or answers an error, is LOGS_UNAVAILABLE naming it', async () => {
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const address = free.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((r) => free.close(r));
    const dead = `http://127.0.0.1:${port}`;
    await assert.rejects(
      readLogs({ url: dead, query: { topology: 'wc', lines: 1, follow: false }, onLine: () => {} }),
      (err: unknown) =>
        err instanceof GaleError && err.code === 'LOGS_UNAVAILABLE' && err.message.includes(dead),
    );
    await assert.rejects(
      readLogs({
        url,
        query: { topology: 'wc', task: 1, lines: 1, follow: false, component: 'x'.repeat(300) },
        onLine: () => {},
      }),
      (err: unknown) => err instanceof GaleError && /HTTP 400: component:/.test(err.message),
    );
  });
});
