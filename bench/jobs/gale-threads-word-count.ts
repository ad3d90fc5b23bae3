/**
 * (gt) Gale on 2 worker threads (`LocalCluster.submitTopologyFile`, `workers: 2`): 2 spouts and
 * 2 splits (local-or-shuffle, so a sentence is split in the thread that read it), then the count
 * x2 by fields grouping, so half of all words cross threads. Compared with g-gale (1 thread) in
 * the same run. Untimed (`prepare`): copying the sentences into shared memory (the threads read
 * them there) and starting the threads, whose spouts wait for a start flag. Timed: from raising
 * the flag through the run, the drain and merging the counts the count tasks wrote. Acking off,
 * as g-gale.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { THREAD_SPOUTS } from '../threads-topology.js';
import type { BenchJob } from './bench-job.js';

const MODULE = fileURLToPath(new URL('../threads-topology.js', import.meta.url));

/** The sentences as UTF-8 bytes in shared memory, with where each one ends. */
function share(sentences: readonly string[]): { text: SharedArrayBuffer; ends: SharedArrayBuffer } {
  const chunks = sentences.map((s) => Buffer.from(s, 'utf8'));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const text = new SharedArrayBuffer(total);
  const bytes = new Uint8Array(text);
  const ends = new SharedArrayBuffer(4 * sentences.length);
  const endsView = new Int32Array(ends);
  let at = 0;
  chunks.forEach((c, i) => {
    bytes.set(c, at);
    at += c.length;
    endsView[i] = at;
  });
  return { text, ends };
}

/** What `prepare` started and `run` finishes. */
interface Started {
  readonly cluster: LocalCluster;
  readonly outDir: string;
  readonly go: Int32Array;
  readonly done: Int32Array;
}

let started: Started | null = null;

export const job: BenchJob = {
  id: 'gt-gale-threads',
  name: 'Gale LocalCluster, 2 worker threads: spout x2 -> split x2 (local) -> count x2 (fields grouping), acking off',
  async prepare(sentences) {
    const outDir = mkdtempSync(join(tmpdir(), 'gale-bench-threads-'));
    const { text, ends } = share(sentences);
    const go = new SharedArrayBuffer(4);
    const done = new SharedArrayBuffer(4);
    const cluster = new LocalCluster({ logger: silentLogger });
    await cluster.submitTopologyFile('bench', MODULE, { workers: 2, user: { text, ends, go, done, outDir } });
    started = { cluster, outDir, go: new Int32Array(go), done: new Int32Array(done) };
  },
  async run() {
    if (started === null) throw new Error('gt-gale-threads: run before prepare');
    const { cluster, outDir, go, done } = started;
    try {
      Atomics.store(go, 0, 1);
      while (Atomics.load(done, 0) < THREAD_SPOUTS) await new Promise((r) => setTimeout(r, 1));
      await cluster.killTopology('bench');
      await cluster.close();
      const counts = new Map<string, number>();
      for (const f of readdirSync(outDir)) {
        for (const [w, n] of JSON.parse(readFileSync(join(outDir, f), 'utf8')) as [string, number][])
          counts.set(w, (counts.get(w) ?? 0) + n);
      }
      return counts;
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};
