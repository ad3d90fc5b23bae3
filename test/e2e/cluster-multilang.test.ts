/**
 * Shell components in cluster mode: `gale submit` ships each shell component's directory with the
 * topology, and the workers run the subprocesses in their own unpacked copy. The directory given
 * to the ShellBolt is a temporary copy of test/multilang/resources, deleted as soon as
 * `gale submit` returns; every sentence is still acked, so the Python bolt ran from the shipped
 * copy.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freePortRun } from '../helpers/free-port-run.js';
import { GaleCluster } from '../helpers/gale-cluster.js';
import { isRunning, parentPid, processesRunning } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait-for.js';
import { ackedSentences } from '../helpers/word-count-traces.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/multilang-cluster-word-count.js', import.meta.url));
const STUBBORN = fileURLToPath(new URL('../fixtures/multilang-cluster-stubborn.js', import.meta.url));
const RESOURCES = fileURLToPath(new URL('../../../test/multilang/resources/', import.meta.url));
const ENV_KEY = 'GALE_TEST_SHELL_RESOURCES';
const SENTENCES = 40;

describe('cluster multilang', () => {
  const cluster = new GaleCluster(1);
  let copy = '';
  before(async () => {
    await cluster.start();
    copy = join(cluster.dir, 'resources-copy');
    cpSync(RESOURCES, copy, { recursive: true });
    chmodSync(join(copy, 'split_sentence.py'), 0o755);
    // The second test's copy: the first test deletes its own.
    cpSync(RESOURCES, join(cluster.dir, 'stubborn'), { recursive: true });
    // Read by the fixture at import: by `gale submit` and by the workers the supervisors start.
    process.env[ENV_KEY] = copy;
    cluster.nimbus('n1');
    cluster.supervisor('s1', 1, await freePortRun(1));
    cluster.supervisor('s2', 1, await freePortRun(1));
    await cluster.untilSupervisors(2);
  });
  after(async () => {
    delete process.env[ENV_KEY];
    await cluster.stop();
  });

  it('cluster multilang - the ShellBolt directory ships with the topology: deleted after submit, every sentence still acked', async () => {
    const out = join(cluster.dir, 'out');
    mkdirSync(out);
    const config = join(cluster.dir, 'mlc.json');
    writeFileSync(config, JSON.stringify({ user: { outDir: out, sentences: SENTENCES } }));
    const submitted = await cluster.cli(['submit', FIXTURE, '--name', 'mlc', '--config', config]);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /, 1 shell resources directory$/m);
    rmSync(copy, { recursive: true, force: true });

    const record = (await cluster.store.getTopology('mlc'))?.value;
    assert.equal(record?.resources?.length, 1);
    const shipped = record.resources?.[0];
    assert.ok(shipped !== undefined);
    assert.equal(shipped.dir, copy);
    assert.deepEqual(shipped.components, ['split']);

    await waitFor(() => ackedSentences(out).size === SENTENCES, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `every sentence acked (logs:\n${cluster.logs()})`,
    });
    const local = join(cluster.dir, 'bundles', `${shipped.hash}-resources`);
    assert.equal(statSync(join(local, 'split_sentence.py')).mode & 0o777, 0o755, 'modes kept');
    assert.ok(existsSync(join(local, 'gale_storm.py')));
    assert.ok(!existsSync(join(local, '__pycache__')), 'PYTHONDONTWRITEBYTECODE reached the subprocess');

    const killed = await cluster.cli(['kill', 'mlc', '--wait', '1s']);
    assert.equal(killed.code, 0, killed.stderr);
    await waitFor(async () => (await cluster.store.getTopology('mlc')) === null, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'killed topology removed',
    });
    await waitFor(async () => (await cluster.store.getBundle(shipped.hash)) === null, {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: 'its resources archive removed from the store',
    });
  });

  it('cluster multilang - a worker SIGKILLed: its supervisor kills the shell subprocess it left (one that sleeps without touching its pipes)', async () => {
    process.env[ENV_KEY] = join(cluster.dir, 'stubborn');
    const submitted = await cluster.cli(['submit', STUBBORN, '--name', 'stubborn']);
    assert.equal(submitted.code, 0, submitted.stderr);
    // Other tests may run hangs.py too: ours are the children of this cluster's workers.
    const ours = () => {
      const workers = cluster.workerPids();
      return processesRunning('hangs.py').filter((p) => workers.includes(parentPid(p) ?? 0));
    };
    // Hung on its first tuple: it has answered the handshake and will not touch its pipes again.
    await waitFor(() => ours().length === 1 && cluster.logs().includes('hangs: got tuple'), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: `the stubborn subprocess hangs (logs:\n${cluster.logs()})`,
    });
    const stubborn = ours()[0]!;
    process.kill(parentPid(stubborn)!, 'SIGKILL');
    await waitFor(() => !isRunning(stubborn), {
      timeoutMs: 10_000,
      intervalMs: 50,
      message: 'the orphaned subprocess killed by the supervisor',
    });
    // The worker is started again, with a subprocess of its own.
    await waitFor(() => ours().some((p) => p !== stubborn), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'a new worker runs a new subprocess',
    });
    const second = ours().find((p) => p !== stubborn)!;
    const killed = await cluster.cli(['kill', 'stubborn', '--wait', '1s']);
    assert.equal(killed.code, 0, killed.stderr);
    await waitFor(() => !isRunning(second), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'no subprocess left after the kill',
    });
  });
});
