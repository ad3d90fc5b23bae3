/**
 * The cluster commands against a real cluster: rebalance while the word count runs (the counts stay
 * exact), and what each command says when given bad input or an etcd that is not there.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { expectedCounts } from '../fixtures/cluster-word-count.js';
import { freePortRun } from '../helpers/free-port-run.js';
import { GaleCluster, runGale } from '../helpers/gale-cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { ackedSentences, reconciledCounts } from '../helpers/word-count-traces.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/cluster-word-count.js', import.meta.url));
const SENTENCES = 3000;

/** `gale <args>` with no cluster around it. */
const gale = runGale;

describe('cluster commands', () => {
  const cluster = new GaleCluster(1);
  let out = '';
  before(async () => {
    await cluster.start();
    out = join(cluster.dir, 'out');
    mkdirSync(out);
    cluster.nimbus('n1');
    cluster.supervisor('s1', 2, await freePortRun(2));
    cluster.supervisor('s2', 2, await freePortRun(2));
    await cluster.untilSupervisors(2);
  });
  after(async () => {
    await cluster.stop();
  });

  it('cluster cli - rebalance from 2 to 4 workers and 2 count executors while running; counts stay exact', async () => {
    const config = join(cluster.dir, 'rb.json');
    writeFileSync(config, JSON.stringify({ user: { outDir: out, sentences: SENTENCES, paceMs: 3 } }));
    const submitted = await cluster.cli([
      'submit',
      FIXTURE,
      '--name',
      'rb',
      '--workers',
      '2',
      '--config',
      config,
    ]);
    assert.equal(submitted.code, 0, submitted.stderr);
    await waitFor(() => ackedSentences(out).size >= 300, { timeoutMs: 30_000, intervalMs: 50 });
    assert.equal((await cluster.store.getAssignment('rb'))?.value.workers.length, 2);

    const rebalanced = await cluster.cli(['rebalance', 'rb', '--workers', '4', '--executors', 'count=2']);
    assert.equal(rebalanced.code, 0, rebalanced.stderr);
    assert.match(rebalanced.stdout, /rebalancing rb: 4 worker\(s\)/);
    await waitFor(async () => (await cluster.store.getAssignment('rb'))?.value.workers.length === 4, {
      timeoutMs: 10_000,
      intervalMs: 50,
      message: 'reassigned on 4 workers',
    });
    const record = await cluster.store.getTopology('rb');
    assert.equal(record?.value.executors.filter((e) => e.component === 'count').length, 2);

    await waitFor(() => ackedSentences(out).size === SENTENCES, {
      timeoutMs: 90_000,
      intervalMs: 200,
      message: `every sentence acked (logs:\n${cluster.logs()})`,
    });
    assert.deepEqual(reconciledCounts(out).counts, expectedCounts(SENTENCES));
  });

  it('cluster cli - bad input is one line naming what is wrong, and nothing changes', async () => {
    const before = await cluster.store.getTopology('rb');
    const cases: [string[], number, RegExp][] = [
      [['rebalance', 'rb', '--executors', 'nope=2'], 2, /executors nope: no such component/],
      [['rebalance', 'rb', '--executors', 'count=9'], 2, /count=9: expected 1 to 4/],
      [['rebalance', 'rb', '--executors', 'count'], 2, /expected component=count/],
      [['rebalance', 'rb'], 2, /give --workers and\/or --executors/],
      [['rebalance', 'missing', '--workers', '2'], 1, /no topology named 'missing'/],
      [['kill', 'rb', '--wait', 'soon'], 2, /--wait: expected a duration/],
      [['submit', FIXTURE, '--name', 'rb'], 1, /a topology named 'rb' is already running/],
      [['submit', FIXTURE, '--name', 'bad name'], 2, /--name bad name/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cluster.cli(args);
      assert.equal(r.code, code, `gale ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, `gale ${args.join(' ')}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
    assert.deepEqual((await cluster.store.getTopology('rb'))?.value, before?.value);
  });

  it('cluster cli - an unreachable etcd: a command fails at once naming it; a daemon waits and says so once', async () => {
    const dead = `http://127.0.0.1:${await freePortRun(1)}`;
    const listed = await gale(['list', '--etcd', dead]);
    assert.equal(listed.code, 1);
    assert.match(listed.stderr, new RegExp(`cannot reach the cluster store: etcd at ${dead}`));
    assert.equal(listed.stderr.trim().split('\n').length, 1);

    const nimbus = spawn(process.execPath, [CLI, 'nimbus', '--etcd', dead], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    nimbus.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitFor(() => stderr.includes('cannot reach etcd'), { timeoutMs: 15_000, intervalMs: 50 });
      await new Promise((r) => setTimeout(r, 4500)); // two more attempts
      assert.equal(nimbus.exitCode, null, 'still running');
      assert.equal(stderr.split('cannot reach etcd').length - 1, 1, 'said once');
      assert.match(stderr, new RegExp(dead));
    } finally {
      nimbus.kill('SIGKILL');
    }

    const ttl = await gale(['list', '--ttl', '0', '--etcd', dead]);
    assert.equal(ttl.code, 2);
    assert.match(ttl.stderr, /ttlSecs \(from --ttl\)/);
    const env = await gale(['list', '--etcd', 'not-a-url']);
    assert.equal(env.code, 2);
    assert.match(env.stderr, /etcd\.0 \(from --etcd\): an etcd client URL/);
    const supervisor = await gale(['supervisor', '--slots', '0', '--etcd', dead]);
    assert.equal(supervisor.code, 2);
    assert.match(supervisor.stderr, /--slots 0: expected an integer from 1 to 64/);
    const rotation = await gale(['supervisor', '--log-max-mb', '-1', '--etcd', dead]);
    assert.equal(rotation.code, 2);
    assert.match(rotation.stderr, /--log-max-mb -1: expected an integer from 0 to 1000000/);
    const wildcard = await gale(['supervisor', '--host', '0.0.0.0', '--etcd', dead]);
    assert.equal(wildcard.code, 2);
    assert.match(wildcard.stderr, /--host "0\.0\.0\.0": give the address other machines reach this one at/);
  });
  it('cluster cli - deactivate pauses the spouts on every worker, activate resumes them; list shows the counters', async () => {
    const adOut = join(cluster.dir, 'out-ad');
    mkdirSync(adOut);
    const config = join(cluster.dir, 'ad.json');
    writeFileSync(config, JSON.stringify({ user: { outDir: adOut, sentences: 100_000, paceMs: 2 } }));
    // The slots are taken by rb: kill it first.
    assert.equal((await cluster.cli(['kill', 'rb', '--wait', '1s'])).code, 0);
    await waitFor(async () => (await cluster.store.getTopology('rb')) === null, {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    const submitted = await cluster.cli([
      'submit',
      FIXTURE,
      '--name',
      'ad',
      '--workers',
      '2',
      '--config',
      config,
    ]);
    assert.equal(submitted.code, 0, submitted.stderr);
    await waitFor(() => ackedSentences(adOut).size >= 200, { timeoutMs: 30_000, intervalMs: 50 });

    assert.equal((await cluster.cli(['deactivate', 'ad'])).code, 0);
    // In-flight trees finish; then nothing new is emitted.
    let last = -1;
    await waitFor(
      async () => {
        const now = ackedSentences(adOut).size;
        const still = now === last;
        last = now;
        if (!still) await new Promise((r) => setTimeout(r, 700));
        return still;
      },
      { timeoutMs: 15_000, intervalMs: 700, message: 'spouts paused' },
    );
    const paused = ackedSentences(adOut).size;
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(ackedSentences(adOut).size, paused, 'nothing acked while deactivated');

    assert.equal((await cluster.cli(['activate', 'ad'])).code, 0);
    await waitFor(() => ackedSentences(adOut).size > paused + 100, {
      timeoutMs: 15_000,
      intervalMs: 50,
      message: 'spouts resumed',
    });
    const listed = await cluster.cli(['list']);
    const row = listed.stdout.split('\n').find((l) => l.startsWith('ad '));
    assert.ok(row !== undefined, listed.stdout);
    // Trees acked, from the spouts' heartbeats: at most what the spouts have recorded by now.
    const acked = Number(row.trim().split(/\s+/)[7]);
    assert.ok(acked >= paused && acked <= ackedSentences(adOut).size, `list shows ${acked} acked (${row})`);
    assert.equal((await cluster.cli(['kill', 'ad', '--wait', '1s'])).code, 0);
  });
});
