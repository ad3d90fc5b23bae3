/**
 * Cluster mode end to end: etcd, a nimbus and two supervisors with two slots each, all real
 * processes; the word count submitted with `gale submit` runs on four worker processes and its
 * counts come out exact; `gale kill` removes it.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expectedCounts } from '../fixtures/cluster-word-count.js';
import { GaleCluster } from '../helpers/gale-cluster.js';
import { freePortRun } from '../helpers/free-port-run.js';
import { waitFor } from '../helpers/wait-for.js';
import { ackedSentences, reconciledCounts } from '../helpers/word-count-traces.js';

const SENTENCES = 2000;

describe('cluster mode', () => {
  const cluster = new GaleCluster(1);
  let out = '';

  before(async () => {
    await cluster.start();
    out = join(cluster.dir, 'out');
    mkdirSync(out);
  });
  after(async () => {
    await cluster.stop();
  });

  it('cluster - a word count submitted with the CLI runs on 2 supervisors x 2 slots with exact counts, then is killed', async () => {
    cluster.nimbus('n1');
    cluster.supervisor('s1', 2, await freePortRun(2));
    cluster.supervisor('s2', 2, await freePortRun(2));
    await cluster.untilSupervisors(2);
    const submitted = await cluster.submitWordCount('wc', out, { sentences: SENTENCES, workers: 4 });
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /submitted wc/);

    await waitFor(() => ackedSentences(out).size === SENTENCES, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: `every sentence acked (logs:\n${cluster.logs()})`,
    });
    const assignment = await cluster.store.getAssignment('wc');
    assert.equal(assignment?.value.workers.length, 4);
    assert.deepEqual(assignment?.value.workers.map((w) => w.supervisor).sort(), ['s1', 's1', 's2', 's2']);
    assert.deepEqual(reconciledCounts(out).counts, expectedCounts(SENTENCES));

    const listed = await cluster.cli(['list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /wc\s+active\s+4\s+4/);

    const killed = await cluster.cli(['kill', 'wc', '--wait', '1s']);
    assert.equal(killed.code, 0, killed.stderr);
    await waitFor(async () => (await cluster.store.getTopology('wc')) === null, {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'killed topology removed',
    });
    await waitFor(() => cluster.workerPids().length === 0, {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'worker processes gone',
    });
  });
});
