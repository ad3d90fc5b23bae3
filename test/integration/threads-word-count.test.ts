/**
 * Local mode on worker threads (`LocalCluster.submitTopologyFile` with `workers` above 1): the
 * word count on 2 threads gives exact counts with every sentence acked, the counters come back to
 * the main thread, and a module that fails in a thread is a clear error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { SENTENCES, sentence } from '../fixtures/tcp-word-count.js';
import { waitFor } from '../helpers/wait-for.js';

const TOPOLOGY = fileURLToPath(new URL('../fixtures/tcp-word-count.js', import.meta.url));

describe('local mode on worker threads', () => {
  it('threads - word count on 2 worker threads: exact counts, every sentence acked, counters in the main thread', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'gale-threads-wc-'));
    try {
      const exact = new Map<string, number>();
      for (let i = 0; i < SENTENCES; i++)
        for (const w of sentence(i).split(' ')) exact.set(w, (exact.get(w) ?? 0) + 1);
      const words = [...exact.values()].reduce((a, b) => a + b, 0);
      await using cluster = new LocalCluster({ logger: silentLogger });
      await cluster.submitTopologyFile('threads', TOPOLOGY, { workers: 2, user: { outDir } });
      await waitFor(
        () => {
          const info = cluster.getTopology('threads');
          const split = info.components.find((c) => c.component === 'split');
          return split?.emitted === words;
        },
        { timeoutMs: 20_000, message: 'every word split (counters from the threads)' },
      );
      const report = await cluster.killTopology('threads');
      assert.equal(report.drained, true);
      assert.equal(report.components.find((c) => c.component === 'count')?.executed, words);
      const counts = new Map<string, number>();
      const files = readdirSync(outDir);
      for (const f of files.filter((f) => f.startsWith('count-'))) {
        for (const [w, n] of Object.entries(
          JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Record<string, number>,
        ))
          counts.set(w, (counts.get(w) ?? 0) + n);
      }
      assert.deepEqual(new Map([...counts].sort()), new Map([...exact].sort()));
      const spout = files
        .filter((f) => f.startsWith('spout-'))
        .map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as unknown);
      assert.deepEqual(spout, [{ acked: SENTENCES, failed: 0 }]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('threads - a module that throws when a thread loads it fails the submit with its message; nothing is left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gale-threads-bad-'));
    try {
      // Fine in the main thread, broken in the worker threads.
      const file = join(dir, 'topo.mjs');
      writeFileSync(
        file,
        `import { isMainThread } from 'node:worker_threads';
         import { TopologyBuilder, BaseSpout, BaseBolt } from ${JSON.stringify(new URL('../../src/api/index.js', import.meta.url).href)};
         if (!isMainThread) throw new Error('no database in this thread');
         class S extends BaseSpout { nextTuple() {} declareOutputFields(d) { d.declare(['x']); } }
         class B extends BaseBolt { execute() {} }
         const b = new TopologyBuilder();
         b.setSpout('s', () => new S());
         b.setBolt('b', () => new B()).shuffleGrouping('s');
         export default b.createTopology();`,
      );
      await using cluster = new LocalCluster({ logger: silentLogger });
      await assert.rejects(
        cluster.submitTopologyFile('bad', file, { workers: 2 }),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'COMPONENT_FAILED');
          assert.match(err.message, /'bad' failed to start on worker threads: no database in this thread/);
          return true;
        },
      );
      assert.deepEqual(cluster.topologyNames(), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
