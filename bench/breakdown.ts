/**
 * Where the word count's time goes: the same corpus through growing prefixes of the topology
 * (spout only; + split; + a no-op bolt by global grouping; + by fields grouping; + the real count),
 * each timed in this one warm process, interleaved over rounds, with the hand loop alongside.
 * Differences between rows are the cost of each step (docs/design/performance.md).
 *
 *   npm run build && node dist/bench/breakdown.js [--sentences N] [--rounds R]
 */
import { BaseBolt, TopologyBuilder } from '../src/api/index.js';
import { LocalCluster } from '../src/local/index.js';
import { silentLogger } from '../src/runtime/index.js';
import { generateCorpus } from './corpus.js';
import { ArraySpout, Count, Split } from './word-count-components.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i < 0 ? undefined : Number(process.argv[i + 1]);
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: expected a positive integer`);
  return v;
}

const SENTENCES = flag('--sentences', 300_000);
const ROUNDS = flag('--rounds', 7);
const { sentences, words } = generateCorpus(SENTENCES);

class Nop extends BaseBolt {
  execute(): void {}
}

type Shape = (b: TopologyBuilder) => void;
const split: Shape = (b) => void b.setBolt('split', () => new Split()).shuffleGrouping('s');
const CASES: Readonly<Record<string, Shape>> = {
  'spout only': () => {},
  'spout -> split': split,
  '... -> nop (global)': (b) => {
    split(b);
    b.setBolt('c', () => new Nop()).globalGrouping('split');
  },
  '... -> nop x2 (fields)': (b) => {
    split(b);
    b.setBolt('c', () => new Nop(), 2).fieldsGrouping('split', ['word']);
  },
  '... -> count x2 (fields)': (b) => {
    split(b);
    b.setBolt('c', () => new Count(), 2).fieldsGrouping('split', ['word']);
  },
};

async function timeTopology(shape: Shape): Promise<number> {
  let done!: () => void;
  const exhausted = new Promise<void>((resolve) => (done = resolve));
  const b = new TopologyBuilder();
  b.setSpout('s', () => new ArraySpout(sentences, done));
  shape(b);
  const cluster = new LocalCluster({ logger: silentLogger });
  const t0 = performance.now();
  await cluster.submitTopology('breakdown', b.createTopology());
  await exhausted;
  await cluster.killTopology('breakdown');
  const ms = performance.now() - t0;
  await cluster.close();
  return ms;
}

function timeHandLoop(): number {
  const t0 = performance.now();
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s.split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
  return performance.now() - t0;
}

const times = new Map<string, number[]>();
const add = (k: string, ms: number): void => void times.set(k, [...(times.get(k) ?? []), ms]);
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, shape] of Object.entries(CASES)) add(name, await timeTopology(shape));
  add('hand loop', timeHandLoop());
}
const median = (a: readonly number[]): number => {
  const s = a.slice(1).sort((x, y) => x - y); // the first round warms the JIT up
  return s[Math.floor(s.length / 2)] ?? NaN;
};
console.log(`${SENTENCES} sentences, ${words} words, ${ROUNDS} rounds (first dropped), medians:`);
for (const [name, ms] of times) {
  console.log(
    `${name.padEnd(26)} ${median(ms).toFixed(0).padStart(6)} ms ${((median(ms) * 1e6) / words).toFixed(0).padStart(5)} ns/word`,
  );
}
