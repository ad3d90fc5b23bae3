import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../runtime/index.js';
import { jsonLines } from '../../../test/helpers/json-lines.js';
import { startLogDirServer, type LogDirServer } from '../../../test/helpers/log-dir-server.js';
import { waitFor } from '../../../test/helpers/wait-for.js';
import { readTail } from './log-files.js';
import { HISTORY_HEADER, LogServer } from './log-server.js';
import { parseLogQuery } from './log-query.js';

function line(time: number, fields: Record<string, unknown>, msg: string): string {
  return `${JSON.stringify({ level: 30, time, topology: 'wc', host: 'h', ...fields, msg })}\n`;
}

/** GETs `url` and reads the streamed body until `until` holds for what came so far, then hangs up. */
function readUntil(
  url: string,
  until: (body: string) => boolean,
): Promise<{ body: string; history: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      let body = '';
      const history = String(res.headers[HISTORY_HEADER]);
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`timed out; got:\n${body}`));
      }, 5000);
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (!until(body)) return;
        clearTimeout(timer);
        req.destroy();
        resolve({ body, history });
      });
    });
    req.on('error', reject);
  });
}

describe('log server', () => {
  let logs: LogDirServer;
  let url = '';
  let dir = '';

  before(async () => {
    // Two slots of wc (an earlier worker in 6700, then a later one), and other topologies' files.
    logs = await startLogDirServer(
      {
        'wc-6700.log':
          line(1000, { worker: 's1:6700', pid: 1 }, 'worker started') +
          line(1003, { worker: 's1:6700', component: 'split', task: 3 }, 'split ready') +
          'Error: uncaught\n    at somewhere\n' +
          line(1007, { worker: 's1:6700', pid: 2 }, 'worker started'),
        'wc-6701.log':
          line(1001, { worker: 's1:6701', component: 'count', task: 5 }, 'count ready') +
          line(1005, { worker: 's1:6701', component: 'count', task: 6 }, 'count ready') +
          '{"level":30,"time":1009,"component":"count","task":5,"msg":"half a li',
        'wc-2-6702.log': line(1002, { topology: 'wc-2', worker: 's1:6702' }, 'other'),
        'wcx-6703.log': line(1002, { topology: 'wcx', worker: 's1:6703' }, 'other'),
        'wc-6704.log.old': line(1002, { worker: 's1:6704' }, 'not a log file'),
      },
      { maxFollowers: 2 },
    );
    url = logs.url;
    dir = logs.dir;
  });

  after(async () => {
    await logs.close();
  });

  it("log server - serves the topology's lines of every file, ordered by time, and nothing else", async () => {
    const res = await fetch(`${url}/logs/wc`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/x-ndjson/);
    const got = jsonLines(await res.text());
    assert.deepEqual(
      got.map((o) => [o['time'], o['msg']]),
      [
        [1000, 'worker started'],
        [1001, 'count ready'],
        [1003, 'split ready'],
        [1003, 'Error: uncaught'],
        [1003, '    at somewhere'],
        [1005, 'count ready'],
        [1007, 'worker started'],
      ],
    );
    assert.equal(res.headers.get(HISTORY_HEADER), '7');
    // A line that is not JSON is wrapped, with where it came from.
    const raw = got.find((o) => o['msg'] === 'Error: uncaught');
    assert.deepEqual(raw, {
      level: 40,
      time: 1003,
      topology: 'wc',
      worker: 's1:6700',
      host: '127.0.0.1',
      raw: true,
      msg: 'Error: uncaught',
    });
  });

  it('log server - filters by component and task, and keeps the last `lines`', async () => {
    const count = jsonLines(await (await fetch(`${url}/logs/wc?component=count`)).text());
    assert.deepEqual(
      count.map((o) => o['task']),
      [5, 6],
    );
    const task = jsonLines(await (await fetch(`${url}/logs/wc?component=count&task=6`)).text());
    assert.deepEqual(
      task.map((o) => [o['component'], o['task'], o['time']]),
      [['count', 6, 1005]],
    );
    // A line without a time at the start of what is read takes the time of the line after it.
    const last = jsonLines(await (await fetch(`${url}/logs/wc?lines=2`)).text());
    assert.deepEqual(
      last.map((o) => [o['time'], o['msg']]),
      [
        [1007, '    at somewhere'],
        [1007, 'worker started'],
      ],
    );
    assert.equal(await (await fetch(`${url}/logs/wc?lines=0`)).text(), '');
    assert.equal(await (await fetch(`${url}/logs/nothing-here`)).text(), '');
  });

  it('log server - bad input is a 400 naming the parameter; no path leaves the directory', async () => {
    const cases: [string, number, string][] = [
      ['/logs/..%2F..%2Fetc%2Fpasswd', 400, 'topology'],
      ['/logs/..', 404, 'path'],
      ['/logs/%2e%2e', 404, 'path'],
      ['/logs/a%2Fb', 400, 'topology'],
      ['/logs/%E0%A4%A', 400, 'topology'],
      ['/logs/wc?lines=abc', 400, 'lines'],
      ['/logs/wc?lines=10001', 400, 'lines'],
      ['/logs/wc?task=-1', 400, 'task'],
      ['/logs/wc?component=', 400, 'component'],
      ['/logs/wc?follow=maybe', 400, 'follow'],
      ['/logs/wc?lines=1&lines=2', 400, 'lines'],
      ['/logs/wc?level=info', 400, 'level'],
      ['/logs/../../etc/passwd', 404, 'path'],
      ['/logs', 404, 'path'],
      ['/', 404, 'path'],
    ];
    for (const [path, status, parameter] of cases) {
      const res = await fetch(`${url}${path}`);
      assert.equal(res.status, status, path);
      const body: unknown = await res.json();
      const e = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
      assert.ok(typeof e === 'object' && e !== null && 'code' in e && 'parameter' in e, path);
      assert.equal(e.code, 'LOG_QUERY_INVALID', path);
      assert.equal(e.parameter, parameter, path);
    }
    const post = await fetch(`${url}/logs/wc`, { method: 'POST' });
    assert.equal(post.status, 405);
  });

  it('log server - follow sends history, then each new complete line of any file, a new file too', async () => {
    const read = readUntil(
      `${url}/logs/wc?component=count&follow=1&lines=1`,
      (b) => b.includes('late count') && b.includes('new slot'),
    );
    // Written once the history is out: the lines below come by following.
    await waitFor(() => logs.server.following === 1);
    // The half-written line is finished; a new line; a worker starts in another slot.
    appendFileSync(join(dir, 'wc-6701.log'), 'ne"}\n');
    appendFileSync(join(dir, 'wc-6701.log'), line(1010, { component: 'count', task: 6 }, 'late count'));
    appendFileSync(join(dir, 'wc-6701.log'), line(1011, { component: 'split', task: 3 }, 'not count'));
    writeFileSync(join(dir, 'wc-6705.log'), line(1012, { component: 'count', task: 7 }, 'new slot'));
    const { body, history } = await read;
    assert.equal(history, '1');
    const got = jsonLines(body);
    assert.deepEqual(
      got.map((o) => o['msg']),
      ['count ready', 'half a line', 'late count', 'new slot'],
    );
    rmSync(join(dir, 'wc-6705.log'));
  });

  it('log server - at most maxFollowers follow at once; close ends them and is idempotent', async () => {
    const other = new LogServer({
      dir,
      host: '127.0.0.1',
      port: 0,
      supervisor: 's1',
      logger: silentLogger,
      maxFollowers: 1,
    });
    const at = await other.listen();
    const first = await fetch(`${at}/logs/wc?follow=1&lines=0`);
    assert.equal(first.status, 200);
    const second = await fetch(`${at}/logs/wc?follow=1&lines=0`);
    assert.equal(second.status, 503);
    await second.text();
    const ended = first.text();
    const closing = other.close();
    assert.equal(other.close(), closing, 'the same promise');
    await closing;
    assert.equal(await ended, '', 'the followed response ended');
  });
});

describe('log query', () => {
  it('log query - defaults, and every parameter parsed', () => {
    assert.deepEqual(parseLogQuery('/logs/wc', new URLSearchParams()), {
      topology: 'wc',
      lines: 100,
      follow: false,
    });
    assert.deepEqual(
      parseLogQuery('/logs/wc', new URLSearchParams('component=count&task=5&lines=7&follow=1')),
      { topology: 'wc', component: 'count', task: 5, lines: 7, follow: true },
    );
  });
});

describe('log files', () => {
  it('log files - readTail across many chunks returns exactly the last lines, and where complete lines end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gale-log-tail-'));
    try {
      const path = join(dir, 't-1.log');
      let text = '';
      for (let i = 0; i < 6000; i++) text += line(i, { n: i, pad: 'x'.repeat(i % 50) }, `line ${i}`);
      writeFileSync(path, `${text}{"partial":`);
      const source = { topology: 't', supervisor: 's', host: 'h', port: 1 };
      const tail = await readTail(path, 4321, source);
      assert.equal(tail.end, Buffer.byteLength(text));
      assert.equal(tail.lines.length, 4321);
      assert.deepEqual(
        tail.lines.map((l) => l.time),
        Array.from({ length: 4321 }, (_, i) => 6000 - 4321 + i),
      );
      const all = await readTail(path, 10_000, source);
      assert.equal(all.lines.length, 6000, 'the first line too');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
