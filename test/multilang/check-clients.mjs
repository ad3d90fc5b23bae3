// Self-check of the test multilang clients (resources/gale_storm.py, resources/gale-storm.cjs) and
// the component scripts: plain Node, no Gale code. It plays the host side of the protocol
// (/work/shared/reference/multilang-protocol.md) against each script and checks what comes back.
// Not part of the test suite. Run: node test/multilang/check-clients.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resources = fileURLToPath(new URL('./resources/', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'gale-multilang-check-'));
/** Every process started by the current check. */
const children = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const HELLO = 'héllo wörld';
const SPECIALS = String.raw`"quo\"te" back\slash`;
const NEWLINES = 'a\nend\nb c';

/** One subprocess, seen from the host: framed messages in, framed messages out. */
class Child {
  constructor(name, command, args) {
    this.name = name;
    this.proc = spawn(command, args, { cwd: resources, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(this.proc);
    this.queue = [];
    this.wake = null;
    this.lines = [];
    this.rest = '';
    this.stderr = '';
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (text) => (this.stderr += text));
    this.proc.stdout.on('data', (text) => this.onStdout(text));
    this.proc.stdout.on('end', () => this.push({ eof: true }));
    this.proc.stdin.on('error', () => {}); // EPIPE after the child died
  }

  // Lines until one that is exactly `end` (ref §3); a `\r\n` end is tolerated.
  onStdout(text) {
    const parts = (this.rest + text).split('\n');
    this.rest = parts.pop();
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line !== 'end') {
        this.lines.push(line);
        continue;
      }
      const body = this.lines.join('\n');
      this.lines = [];
      try {
        this.push(JSON.parse(body));
      } catch {
        this.push({ invalid: body });
      }
    }
  }

  push(msg) {
    this.queue.push(msg);
    this.wake?.();
  }

  send(...msgs) {
    this.proc.stdin.write(msgs.map((m) => JSON.stringify(m) + '\nend\n').join(''));
  }

  /** The next message, or throws after `ms`. */
  async next(ms = 5000) {
    const deadline = Date.now() + ms;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`${this.name}: no message in ${ms} ms; stderr: ${this.stderr.slice(-500)}`);
      let timer;
      await new Promise((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      this.wake = null;
    }
    return this.queue.shift();
  }

  /** Asserts that nothing arrives for `ms`. */
  async quiet(ms) {
    await sleep(ms);
    assert.deepEqual(this.queue, [], `${this.name}: unexpected output`);
  }

  /** Sends the setup message (ref §4), checks the pid message and then the pid file (up to 3 s). */
  async handshake(conf = {}, context = {}) {
    const pidDir = mkdtempSync(path.join(tmp, 'pids-'));
    this.send({
      pidDir,
      conf,
      context: { taskid: 2, componentid: this.name, streams: ['default'], ...context },
    });
    const first = await this.next();
    assert.deepEqual(first, { pid: this.proc.pid }, `${this.name}: pid message`);
    const file = path.join(pidDir, String(this.proc.pid));
    for (let i = 0; i < 300 && !existsSync(file); i++) await sleep(10);
    assert.ok(existsSync(file), `${this.name}: pid file ${file}`);
  }

  async expectEof(code) {
    assert.deepEqual(await this.next(), { eof: true }, `${this.name}: EOF`);
    const exit = await this.exited;
    if (code !== undefined)
      assert.equal(exit.code, code, `${this.name}: exit code (${JSON.stringify(exit)})`);
    return exit;
  }
}

const py = (script) => new Child(script, 'python3', [script]);
const tuple = (id, values, extra = {}) => ({
  id,
  comp: 'spout',
  stream: 'default',
  task: 1,
  tuple: values,
  ...extra,
});
const heartbeat = (id) => ({ id, comp: null, stream: '__heartbeat', task: -1, tuple: [] });
const tick = (id) => ({ id, comp: '__system', stream: '__tick', task: -1, tuple: [5] });

/** Expects an emit of `values` anchored to `anchor`, answers it with `taskIds` (unless null). */
async function expectEmit(child, values, anchor, taskIds = [3], extra = {}) {
  const msg = await child.next();
  const want = { command: 'emit', tuple: values, ...extra };
  if (anchor !== undefined) want.anchors = [anchor];
  assert.deepEqual(msg, want, `${child.name}: emit`);
  if (taskIds !== null) child.send(taskIds);
}

async function expectMsg(child, want) {
  assert.deepEqual(await child.next(), want, `${child.name}: message`);
}

const results = [];
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push(false);
    const text = String(err.stack ?? err).replaceAll('\n', '\n     ');
    console.log(`FAIL ${name}\n     ${text}`);
  } finally {
    // A failed check can leave its process running, which would keep this script alive.
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    children.length = 0;
  }
}

await check(
  'split_sentence.py: non-ASCII, JSON specials, "\\nend\\n", heartbeat, tick, pipelining',
  async () => {
    const c = py('split_sentence.py');
    await c.handshake();
    const id1 = '-6955786537413359385';
    c.send(tuple(id1, [HELLO]));
    await expectEmit(c, ['héllo'], id1);
    await expectEmit(c, ['wörld'], id1);
    await expectMsg(c, { command: 'ack', id: id1 });
    c.send(tuple('2', [SPECIALS]));
    await expectEmit(c, [String.raw`"quo\"te"`], '2');
    await expectEmit(c, [String.raw`back\slash`], '2');
    await expectMsg(c, { command: 'ack', id: '2' });
    c.send(tuple('3', [NEWLINES]));
    await expectEmit(c, ['a\nend\nb'], '3');
    await expectEmit(c, ['c'], '3');
    await expectMsg(c, { command: 'ack', id: '3' });
    c.send(heartbeat('4'));
    await expectMsg(c, { command: 'sync' });
    // A tick's values[0] is a number: BasicBolt sends error, then fail, and goes on (ref §9).
    c.send(tick('5'));
    const error = await c.next();
    assert.equal(error.command, 'error');
    assert.match(error.msg, /AttributeError/);
    await expectMsg(c, { command: 'fail', id: '5' });
    // Tuples and a heartbeat written before the task-id reply are queued by the library (ref §5.1).
    c.send(tuple('6', ['x y']), heartbeat('7'), tuple('8', ['z']));
    await expectEmit(c, ['x'], '6', null);
    await c.quiet(200); // blocked on the task-id list
    c.send([3]);
    await expectEmit(c, ['y'], '6');
    await expectMsg(c, { command: 'ack', id: '6' });
    await expectMsg(c, { command: 'sync' });
    await expectEmit(c, ['z'], '8');
    await expectMsg(c, { command: 'ack', id: '8' });
    c.proc.stdin.end();
    await c.expectEof(0);
  },
);

await check('sentence-spout.cjs: lock-step, numeric ids, fail re-emits, acks logged, idle sync', async () => {
  const c = new Child('sentence-spout', 'node', ['sentence-spout.cjs']);
  await c.handshake({ 'gale.test.sentences': [HELLO, SPECIALS, NEWLINES] });
  const next = { command: 'next', id: '' };
  c.send({ command: 'activate', id: '' });
  await expectMsg(c, { command: 'sync' });
  for (const [id, sentence] of [HELLO, SPECIALS, NEWLINES].entries()) {
    c.send(next);
    await expectEmit(c, [sentence], undefined, [2], { id });
    await expectMsg(c, { command: 'sync' });
  }
  c.send(next);
  await expectMsg(c, { command: 'sync' });
  c.send({ command: 'fail', id: 1 });
  await expectMsg(c, { command: 'log', msg: 'failed 1' });
  await expectMsg(c, { command: 'sync' });
  c.send(next);
  await expectEmit(c, [SPECIALS], undefined, [2], { id: 1 });
  await expectMsg(c, { command: 'sync' });
  c.send({ command: 'ack', id: 0 });
  await expectMsg(c, { command: 'log', msg: 'acked 0' });
  await expectMsg(c, { command: 'sync' });
  c.send({ command: 'deactivate', id: '' });
  await expectMsg(c, { command: 'sync' });
  c.proc.stdin.end();
  await c.expectEof(0);
});

await check('gale-storm.cjs BasicBolt: async emits, FIFO task ids, heartbeat while busy', async () => {
  const code = `
    const { BasicBolt } = require('./gale-storm.cjs');
    class Split extends BasicBolt {
      process(t, done) {
        const words = t.values[0].split(' ');
        let left = words.length;
        for (const w of words)
          this.emit({ tuple: [w], anchors: [t] }, (ids) => {
            this.log(w + ' sent to ' + JSON.stringify(ids));
            if (--left === 0) done();
          });
      }
    }
    new Split().run();`;
  const c = new Child('node-split', 'node', ['-e', code]);
  await c.handshake();
  c.send(tuple('1', ['a b']), tuple('2', [HELLO]));
  await expectEmit(c, ['a'], '1', null);
  await expectEmit(c, ['b'], '1', null);
  await expectEmit(c, ['héllo'], '2', null);
  await expectEmit(c, ['wörld'], '2', null);
  c.send(heartbeat('9'));
  await expectMsg(c, { command: 'sync' }); // answered while four emits wait for task ids
  c.send([1], [2], [3], [4]);
  await expectMsg(c, { command: 'log', msg: 'a sent to [1]' });
  await expectMsg(c, { command: 'log', msg: 'b sent to [2]' });
  await expectMsg(c, { command: 'ack', id: '1' });
  await expectMsg(c, { command: 'log', msg: 'héllo sent to [3]' });
  await expectMsg(c, { command: 'log', msg: 'wörld sent to [4]' });
  await expectMsg(c, { command: 'ack', id: '2' });
  c.proc.stdin.end();
  await c.expectEof(0);
});

await check('echo_bolt.py: values unchanged, ticks on "ticks" when declared', async () => {
  const c = py('echo_bolt.py');
  await c.handshake({}, { streams: ['default', 'ticks'] });
  const values = [NEWLINES, SPECIALS, HELLO, 42, null, { k: ['v'] }];
  c.send(tuple('1', values));
  await expectEmit(c, values, '1');
  await expectMsg(c, { command: 'ack', id: '1' });
  c.send(tick('2'));
  await expectEmit(c, ['tick'], undefined, [4], { stream: 'ticks' });
  await expectMsg(c, { command: 'ack', id: '2' });
  c.proc.kill('SIGTERM');
  assert.equal((await c.exited).signal, 'SIGTERM');
  const d = py('echo_bolt.py');
  await d.handshake(); // no "ticks" stream: a tick is only acked
  d.send(tick('3'));
  await expectMsg(d, { command: 'ack', id: '3' });
  d.proc.stdin.end();
  await d.expectEof(0);
});

await check('direct_bolt.py: direct emit, no task-id reply awaited', async () => {
  const c = py('direct_bolt.py');
  await c.handshake({ 'gale.test.direct_task': 9 });
  c.send(tuple('1', ['w']));
  await expectEmit(c, ['w'], '1', null, { task: 9 });
  await expectMsg(c, { command: 'ack', id: '1' });
  c.proc.stdin.end();
  await c.expectEof(0);
});

await check('exits_after_n.py: two tuples, then exit 3', async () => {
  const c = py('exits_after_n.py');
  await c.handshake({ 'gale.test.exit_after': 2 });
  c.send(tuple('1', ['a']), tuple('2', ['b']), tuple('3', ['c']));
  await expectEmit(c, ['a'], '1');
  await expectMsg(c, { command: 'ack', id: '1' });
  await expectEmit(c, ['b'], '2');
  await expectMsg(c, { command: 'ack', id: '2' });
  await c.expectEof(3);
  assert.match(c.stderr, /processed 2 tuple\(s\), exiting with status 3/);
});

await check('hangs.py: heartbeat answered, then silence after a tuple', async () => {
  const c = py('hangs.py');
  await c.handshake();
  c.send(heartbeat('1'));
  await expectMsg(c, { command: 'sync' });
  c.send(tuple('2', ['a']), heartbeat('3'));
  await c.quiet(1000);
  assert.match(c.stderr, /will stop reading stdin/);
  c.proc.kill('SIGTERM');
  assert.equal((await c.exited).signal, 'SIGTERM');
});

await check('bad_json.py: invalid JSON for a tuple', async () => {
  const c = py('bad_json.py');
  await c.handshake();
  c.send(tuple('1', ['a']));
  assert.deepEqual(await c.next(), { invalid: '{"command": "emit", "tuple": [1,' });
  c.proc.kill('SIGTERM');
  await c.exited;
});

await check('stdout_before_pid.py: the first message is not JSON', async () => {
  const c = py('stdout_before_pid.py');
  c.send({ pidDir: mkdtempSync(path.join(tmp, 'pids-')), conf: {}, context: {} });
  const first = await c.next();
  assert.match(first.invalid, /^debug: stdout_before_pid starting\n\{"pid": \d+\}$/);
  c.proc.kill('SIGTERM');
  await c.exited;
});

for (const [kind, want] of [
  ['unknown', [{ command: 'ack', id: 'gale-test-never-sent' }]],
  [
    'twice',
    [
      { command: 'ack', id: '12' },
      { command: 'ack', id: '12' },
    ],
  ],
  ['number', [{ command: 'ack', id: 12 }]],
]) {
  await check(`acks_unknown_id.py (${kind})`, async () => {
    const c = py('acks_unknown_id.py');
    await c.handshake(kind === 'unknown' ? {} : { 'gale.test.ack_kind': kind });
    c.send(tuple('12', ['a']));
    for (const msg of want) await expectMsg(c, msg);
    c.proc.stdin.end();
    await c.expectEof(0);
  });
}

await check('acks_unknown_id.py (heartbeat)', async () => {
  const c = py('acks_unknown_id.py');
  await c.handshake({ 'gale.test.ack_kind': 'heartbeat' });
  c.send(heartbeat('77'), heartbeat('78'), tuple('79', ['a']));
  await expectMsg(c, { command: 'ack', id: '77' });
  await expectMsg(c, { command: 'sync' });
  await expectMsg(c, { command: 'ack', id: '79' });
  c.proc.stdin.end();
  await c.expectEof(0);
});

for (const [kind, first, anchor] of [
  ['acked', 'ack', '5'],
  ['failed', 'fail', '5'],
  ['unknown', 'ack', 'gale-test-never-sent'],
]) {
  await check(`anchors_finished.py (${kind})`, async () => {
    const c = py('anchors_finished.py');
    await c.handshake({ 'gale.test.anchor_kind': kind });
    c.send(tuple('5', ['a']));
    await expectMsg(c, { command: first, id: '5' });
    await expectEmit(c, ['a'], anchor);
    c.proc.stdin.end();
    await c.expectEof(0);
  });
}

await check('chatty_stderr.py: 2000 stderr lines at start and per tuple, still works', async () => {
  const c = py('chatty_stderr.py');
  await c.handshake();
  c.send(tuple('1', ['a']));
  await expectEmit(c, ['a'], '1');
  await expectMsg(c, { command: 'ack', id: '1' });
  c.proc.stdin.end();
  await c.expectEof(0);
  assert.equal(c.stderr.match(/^chatty_stderr: line /gm).length, 4000);
});

await check('ignores_sigterm.py: survives SIGTERM and EOF, dies on SIGKILL', async () => {
  const c = py('ignores_sigterm.py');
  await c.handshake();
  c.send(tuple('1', ['a']));
  await expectEmit(c, ['a'], '1');
  await expectMsg(c, { command: 'ack', id: '1' });
  c.proc.kill('SIGTERM');
  await sleep(300);
  c.proc.stdin.end();
  await sleep(300);
  assert.equal(c.proc.exitCode, null, 'still running');
  assert.equal(c.proc.signalCode, null, 'still running');
  assert.match(c.stderr, /got SIGTERM, ignoring it/);
  c.proc.kill('SIGKILL');
  assert.equal((await c.exited).signal, 'SIGKILL');
});

await check('slow_bolt.py: sleeps gale.test.sleep_ms per tuple', async () => {
  const c = py('slow_bolt.py');
  await c.handshake({ 'gale.test.sleep_ms': 200 });
  const started = Date.now();
  c.send(tuple('1', ['a']), tuple('2', ['b']));
  await expectEmit(c, ['a'], '1');
  await expectMsg(c, { command: 'ack', id: '1' });
  await expectEmit(c, ['b'], '2');
  await expectMsg(c, { command: 'ack', id: '2' });
  assert.ok(Date.now() - started >= 390, `took ${Date.now() - started} ms`);
  c.proc.stdin.end();
  await c.expectEof(0);
});

await check('spout_sends_ack.py: answers next with ack', async () => {
  const c = py('spout_sends_ack.py');
  await c.handshake();
  c.send({ command: 'next', id: '' });
  await expectMsg(c, { command: 'ack', id: 'gale-test-spout-ack' });
  await expectMsg(c, { command: 'sync' });
  c.proc.stdin.end();
  await c.expectEof(0);
});

await check('spout_exits.py: one emit, then exit 3 inside next', async () => {
  const c = py('spout_exits.py');
  await c.handshake({ 'gale.test.exit_after': 1 });
  c.send({ command: 'activate', id: '' });
  await expectMsg(c, { command: 'sync' });
  c.send({ command: 'next', id: '' });
  await expectEmit(c, ['tuple 0'], undefined, [2], { id: 'm0' });
  await expectMsg(c, { command: 'sync' });
  c.send({ command: 'next', id: '' });
  await c.expectEof(3);
  assert.match(c.stderr, /exiting with status 3 inside next/);
});

rmSync(tmp, { recursive: true, force: true });
const failed = results.filter((ok) => !ok).length;
console.log(`${results.length - failed} of ${results.length} checks passed`);
process.exitCode = failed === 0 ? 0 : 1;
