/**
 * Word count on 2 and 3 worker processes over TCP, acking on: exact counts, every sentence acked,
 * and tuples really crossed processes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SENTENCES, sentence } from '../fixtures/tcp-word-count.js';
import { ProcessCluster } from '../helpers/process-cluster.js';
import { waitFor } from '../helpers/wait-for.js';

const TOPOLOGY = fileURLToPath(new URL('../fixtures/tcp-word-count.js', import.meta.url));

function exactCounts(): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < SENTENCES; i++) for (const w of sentence(i).split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

describe('word count over TCP between worker processes', () => {
  for (const workers of [2, 3]) {
    it(`tcp word count - ${workers} worker processes: exact counts, every sentence acked once`, async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'gale-tcp-wc-'));
      try {
        await using cluster = await ProcessCluster.start({
          topologyFile: TOPOLOGY,
          workers,
          config: { user: { outDir } },
        });
        // Tasks of split and count live in different processes: tuples cross TCP.
        assert.equal(Object.keys(cluster.assignment).length, workers);
        await waitFor(async () => (await cluster.status()).executed > 0, { message: 'tuples flowing' });
        // Every sentence and every word emitted, and nothing queued, before stopping.
        const words = [...exactCounts().values()].reduce((a, b) => a + b, 0);
        await waitFor(
          async () => {
            const s = await cluster.status();
            return s.queued === 0 && s.emitted >= SENTENCES + words;
          },
          { timeoutMs: 20_000, intervalMs: 20, message: 'every sentence split' },
        );
        const stopped = await cluster.drainAndStop();
        assert.ok(stopped.every((s) => s.drained));
        const files = readdirSync(outDir);
        const counts = new Map<string, number>();
        for (const f of files.filter((f) => f.startsWith('count-'))) {
          for (const [w, n] of Object.entries(
            JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Record<string, number>,
          ))
            counts.set(w, (counts.get(w) ?? 0) + n);
        }
        const spout = files
          .filter((f) => f.startsWith('spout-'))
          .map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as { acked: number; failed: number });
        assert.deepEqual(spout, [{ acked: SENTENCES, failed: 0 }]);
        assert.deepEqual(new Map([...counts].sort()), new Map([...exactCounts()].sort()));
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    });
  }
});
