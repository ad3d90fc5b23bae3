/**
 * Word count across languages: a Node spout and a Python split bolt (subprocesses speaking the
 * multilang protocol through our own test client libraries, test/multilang/resources), a
 * TypeScript count bolt, acking on. Every sentence is acked and the counts are exact, with
 * non-ASCII text, JSON-special characters and a value holding a newline and `end`. The same with
 * a Ruby split bolt, when Ruby is installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ShellBolt, ShellSpout, TopologyBuilder } from '../../src/api/index.js';
import { LocalCluster } from '../../src/local/index.js';
import { silentLogger } from '../../src/runtime/index.js';
import { CountBolt } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';

const RESOURCES = fileURLToPath(new URL('../../../test/multilang/resources/', import.meta.url));
const ENV = { PYTHONDONTWRITEBYTECODE: '1' };
/** Ruby is optional here: its test is skipped when `ruby` is not on the PATH. */
const HAS_RUBY = spawnSync('ruby', ['--version']).status === 0;

const SENTENCES = [
  'the cow jumped over the moon',
  'héllo wörld 人 עברית',
  'quo"te back\\slash {"json": [1, 2]} tab\there',
  'a value with a newline\nend\nin it',
  ...Array.from({ length: 200 }, (_, i) => `sentence number ${i} of the same words`),
];

function expected(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of SENTENCES) for (const w of s.split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

describe('multilang word count', () => {
  const cluster = new LocalCluster({ logger: silentLogger });
  after(() => cluster.close());

  async function wordCount(name: string, split: readonly string[]): Promise<void> {
    const sink = new Map<number, ReadonlyMap<string, number>>();
    const b = new TopologyBuilder();
    b.setSpout(
      'sentences',
      () =>
        new ShellSpout(['node', 'sentence-spout.cjs'], {
          cwd: RESOURCES,
          env: ENV,
          outputFields: ['sentence'],
        }),
    );
    b.setBolt(
      'split',
      () => new ShellBolt(split, { cwd: RESOURCES, env: ENV, outputFields: ['word'] }),
      2,
    ).shuffleGrouping('sentences');
    b.setBolt('count', () => new CountBolt(sink), 2).fieldsGrouping('split', ['word']);
    await cluster.submitTopology(name, b.createTopology(), { user: { 'gale.test.sentences': SENTENCES } });
    await waitFor(
      () => {
        const spout = cluster.getTopology(name).components.find((c) => c.component === 'sentences');
        return spout !== undefined && spout.acked >= SENTENCES.length;
      },
      { timeoutMs: 30_000, intervalMs: 50, message: 'every sentence acked' },
    );
    const report = await cluster.killTopology(name);
    const spout = report.components.find((c) => c.component === 'sentences')!;
    assert.equal(spout.acked, SENTENCES.length);
    assert.equal(spout.failed, 0);
    assert.deepEqual(report.errors, []);
    const counts = new Map<string, number>();
    for (const task of sink.values()) for (const [w, n] of task) counts.set(w, (counts.get(w) ?? 0) + n);
    assert.deepEqual(
      [...counts].sort(([a], [b]) => a.localeCompare(b)),
      [...expected()].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  it('multilang - a Node shell spout and a Python shell split bolt: every sentence acked, counts exact', async () => {
    await wordCount('mlwc', ['python3', 'split_sentence.py']);
    // No subprocess is left, and the pid directory holds no pid file.
    const pids = join(tmpdir(), 'gale-pids', String(process.pid));
    await waitFor(() => !existsSync(pids) || readdirSync(pids).length === 0, {
      timeoutMs: 5000,
      message: 'pid files removed as the subprocesses stopped',
    });
  });

  it('multilang - a Node shell split bolt (emits without waiting for task ids): the same word count, exact', async () => {
    await wordCount('mlwc-js', ['node', 'split-sentence.cjs']);
  });

  it(
    'multilang - a Ruby shell split bolt: the same word count, exact',
    { skip: HAS_RUBY ? false : 'ruby is not installed' },
    async () => {
      await wordCount('mlwc-rb', ['ruby', 'split_sentence.rb']);
    },
  );
});
