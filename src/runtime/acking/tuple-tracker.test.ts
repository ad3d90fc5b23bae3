import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Fields } from '../../api/fields.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import { AckLedger, type LedgerOutcome } from './ack-ledger.js';
import { EdgeIds } from './edge-ids.js';
import { TupleTracker } from './tuple-tracker.js';

const SCHEMA = new StreamSchema('c', 'default', new Fields(['v']), false);
const SPOUT_TASK = 7;

interface Node {
  readonly tuple: TupleImpl;
  /** Roots this tuple belongs to. */
  readonly roots: ReadonlySet<number>;
}

/**
 * Builds a random tuple DAG with the real `TupleTracker` (spout roots with several destinations,
 * children anchored to 1-3 earlier tuples of any roots, the same anchor possibly twice), then
 * delivers the init messages and every tuple's ack to a ledger in a random order.
 */
function build(choices: readonly number[], seed: [number, number, number, number]) {
  let c = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (choices[c++ % choices.length] ?? 0) % n);
  const tracker = new TupleTracker(new EdgeIds(seed));
  const nodes: Node[] = [];
  const inits: { root: number; hi: number; lo: number }[] = [];
  const roots = 1 + pick(3);
  for (let r = 1; r <= roots; r++) {
    tracker.startRoot();
    for (let k = 0, n = 1 + pick(3); k < n; k++) {
      const tuple = new TupleImpl([r], SCHEMA, SPOUT_TASK);
      tracker.trackRoot(tuple, r);
      nodes.push({ tuple, roots: new Set([r]) });
    }
    inits.push({ root: r, hi: tracker.initHi, lo: tracker.initLo });
  }
  for (let k = 0, n = pick(12); k < n; k++) {
    const anchors: TupleImpl[] = [];
    const rootSet = new Set<number>();
    for (let a = 0, m = 1 + pick(3); a < m; a++) {
      const node = nodes[pick(nodes.length)]!;
      anchors.push(node.tuple);
      for (const r of node.roots) rootSet.add(r);
    }
    const tuple = new TupleImpl([k], SCHEMA, 1);
    tracker.trackChild(tuple, anchors);
    assert.ok(tuple.tracked);
    nodes.push({ tuple, roots: rootSet });
  }
  return { nodes, inits, roots };
}

function shuffled<T>(items: readonly T[], choices: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (choices[i % choices.length] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Msg = { kind: 'init'; root: number; hi: number; lo: number } | { kind: 'ack'; node: Node };

const arbitraries = [
  fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
  fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }),
  fc.tuple(fc.integer(), fc.integer(), fc.integer(), fc.integer()),
] as const;

describe('TupleTracker', () => {
  it('TupleTracker - property: with real edge ids, a root completes exactly when its last tuple is acked, once', () => {
    fc.assert(
      fc.property(...arbitraries, (choices, order, seed) => {
        const { nodes, inits, roots } = build(choices, seed);
        const ledger = new AckLedger();
        const messages: Msg[] = [
          ...inits.map((i) => ({ kind: 'init' as const, ...i })),
          ...nodes.map((node) => ({ kind: 'ack' as const, node })),
        ];
        const acked = new Set<Node>();
        const initsSeen = new Set<number>();
        const completed = new Map<number, number>();
        for (const m of shuffled(messages, order)) {
          const results: [number, LedgerOutcome][] = [];
          if (m.kind === 'init') {
            initsSeen.add(m.root);
            results.push([m.root, ledger.init(m.root, SPOUT_TASK, m.hi, m.lo)]);
          } else {
            acked.add(m.node);
            const track = m.node.tuple.trackArray()!;
            for (let i = 0; i < track.length; i += 3) {
              results.push([track[i]!, ledger.ack(track[i]!, track[i + 1]!, track[i + 2]!)]);
            }
          }
          for (const [root, outcome] of results) {
            assert.notEqual(outcome, 'failed');
            const allAcked = nodes.every((n) => !n.roots.has(root) || acked.has(n));
            const expected = allAcked && initsSeen.has(root);
            if (outcome === 'complete') {
              assert.ok(expected, `root ${root} completed before all its tuples were acked`);
              completed.set(root, (completed.get(root) ?? 0) + 1);
            } else {
              assert.ok(!expected || completed.has(root), `root ${root} should have completed`);
            }
          }
        }
        assert.equal(completed.size, roots, 'every root completed');
        for (const n of completed.values()) assert.equal(n, 1, 'no root completed twice');
        assert.equal(ledger.size, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('TupleTracker - property: one fail anywhere fails its roots exactly once and never completes them', () => {
    fc.assert(
      fc.property(...arbitraries, fc.nat(), (choices, order, seed, victim) => {
        const { nodes, inits } = build(choices, seed);
        const failed = nodes[victim % nodes.length]!;
        const ledger = new AckLedger();
        const outcomes = new Map<number, LedgerOutcome[]>();
        const note = (root: number, o: LedgerOutcome): void => {
          if (o !== 'pending') outcomes.set(root, [...(outcomes.get(root) ?? []), o]);
        };
        const messages: Msg[] = [
          ...inits.map((i) => ({ kind: 'init' as const, ...i })),
          ...nodes.map((node) => ({ kind: 'ack' as const, node })),
        ];
        for (const m of shuffled(messages, order)) {
          if (m.kind === 'init') note(m.root, ledger.init(m.root, SPOUT_TASK, m.hi, m.lo));
          else if (m.node === failed) for (const r of failed.roots) note(r, ledger.fail(r));
          else {
            const track = m.node.tuple.trackArray()!;
            for (let i = 0; i < track.length; i += 3)
              note(track[i]!, ledger.ack(track[i]!, track[i + 1]!, track[i + 2]!));
          }
        }
        for (const r of failed.roots) {
          const o = outcomes.get(r) ?? [];
          // A root may be decided before the fail arrives only by completing, which cannot
          // happen while the failed tuple's ack is missing.
          assert.deepEqual(o, ['failed'], `root ${r}: ${o.join(',')}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('TupleTracker - a child anchored to two tuples of one root gets one entry for that root', () => {
    const tracker = new TupleTracker(new EdgeIds([1, 2, 3, 4]));
    tracker.startRoot();
    const root = (): TupleImpl => {
      const t = new TupleImpl([1], SCHEMA, SPOUT_TASK);
      tracker.trackRoot(t, 9);
      return t;
    };
    const child = new TupleImpl([3], SCHEMA, 1);
    tracker.trackChild(child, [root(), root(), new TupleImpl([3], SCHEMA, 1)]);
    assert.equal(child.root, 9);
    assert.equal(child.more, null);
    const untracked = new TupleImpl([3], SCHEMA, 1);
    tracker.trackChild(untracked, [new TupleImpl([3], SCHEMA, 1)]);
    assert.equal(untracked.tracked, false, 'untracked anchors: untracked');
  });

  it('TupleTracker - trackArray and setTrack round-trip one root and several', () => {
    const t = new TupleImpl([1], SCHEMA, 1);
    assert.equal(t.trackArray(), null);
    t.setTrack([5, 1, 2]);
    assert.deepEqual(t.trackArray(), [5, 1, 2]);
    t.setTrack([5, 1, 2, 6, -3, 4]);
    assert.deepEqual([t.root, t.hi, t.lo, t.more], [5, 1, 2, [6, -3, 4]]);
    assert.deepEqual(t.trackArray(), [5, 1, 2, 6, -3, 4]);
  });
});
