import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AckLedger, type LedgerOutcome } from './ack-ledger.js';
import { EdgeIds } from './edge-ids.js';

type Pair = [hi: number, lo: number];
const xor = (a: Pair, b: Pair): Pair => [a[0] ^ b[0], a[1] ^ b[1]];

interface SimTuple {
  /** Per root: the XOR of the edge ids made for this tuple by its anchors in that root. */
  readonly ids: Map<number, Pair>;
  /** Per root: the XOR of the edge ids of tuples anchored to this one. */
  readonly ackVal: Map<number, Pair>;
  live: boolean;
}

type Message =
  | { kind: 'init'; root: number; spoutTask: number; val: Pair }
  | { kind: 'ack'; root: number; val: Pair; tuple: SimTuple }
  | { kind: 'fail'; root: number };

/**
 * Simulates Gale's anchoring scheme against the ledger: spouts emit root tuples, bolts emit
 * children anchored to one or two live tuples (of the same root or another: multi-anchoring makes
 * a DAG), each anchor making its own edge id, then ack (or fail) the input. Reports reach the
 * ledger in a random order. `choices` drives every random decision.
 */
function simulate(choices: readonly number[], failRate: number, seed: [number, number, number, number]) {
  let c = 0;
  const pick = (n: number): number => (n <= 1 ? 0 : (choices[c++ % choices.length] ?? 0) % n);
  const ids = new EdgeIds(seed);
  const edge = (): Pair => [ids.next32(), ids.next32()];
  const ledger = new AckLedger();
  const tuples: SimTuple[] = [];
  const rootsOf = new Map<number, SimTuple[]>();
  const pool: Message[] = [];
  const decided = new Map<number, LedgerOutcome[]>();
  const failedRoots = new Set<number>();
  const delivered = new Set<SimTuple>(); // tuples whose ack reached the ledger

  const roots = 1 + pick(3);
  for (let r = 1; r <= roots; r++) {
    let init: Pair = [0, 0];
    for (let k = 0, n = 1 + pick(3); k < n; k++) {
      const e = edge();
      init = xor(init, e);
      const t: SimTuple = { ids: new Map([[r, e]]), ackVal: new Map(), live: true };
      tuples.push(t);
      rootsOf.set(r, [...(rootsOf.get(r) ?? []), t]);
    }
    pool.push({ kind: 'init', root: r, spoutTask: 100 + r, val: init });
  }

  const deliver = (m: Message): void => {
    const out =
      m.kind === 'init'
        ? ledger.init(m.root, m.spoutTask, m.val[0], m.val[1])
        : m.kind === 'ack'
          ? ledger.ack(m.root, m.val[0], m.val[1])
          : ledger.fail(m.root);
    if (m.kind === 'ack') delivered.add(m.tuple);
    if (out === 'pending') return;
    assert.equal(ledger.spoutTask, 100 + m.root, 'the decision names the spout task of the root');
    decided.set(m.root, [...(decided.get(m.root) ?? []), out]);
    if (out === 'complete') {
      // Complete only when every tuple ever made in this root has had its ack delivered.
      for (const t of rootsOf.get(m.root) ?? [])
        assert.ok(delivered.has(t), `root ${m.root} completed early`);
    }
  };

  let made = tuples.length;
  for (let step = 0; step < 200; step++) {
    const live = tuples.filter((t) => t.live);
    if (live.length === 0 && pool.length === 0) break;
    if (pool.length > 0 && (live.length === 0 || pick(2) === 0)) {
      deliver(pool.splice(pick(pool.length), 1)[0]!);
      continue;
    }
    const input = live[pick(live.length)]!;
    for (let k = 0, n = made < 40 ? pick(3) : 0; k < n; k++) {
      const anchors = [input];
      if (pick(2) === 0) {
        const other = live[pick(live.length)]!;
        if (other !== input) anchors.push(other);
      }
      const child: SimTuple = { ids: new Map(), ackVal: new Map(), live: true };
      for (const a of anchors) {
        for (const root of a.ids.keys()) {
          const e = edge(); // one edge id per anchor and root
          a.ackVal.set(root, xor(a.ackVal.get(root) ?? [0, 0], e));
          child.ids.set(root, xor(child.ids.get(root) ?? [0, 0], e));
        }
      }
      tuples.push(child);
      made++;
      for (const root of child.ids.keys()) rootsOf.set(root, [...(rootsOf.get(root) ?? []), child]);
    }
    input.live = false;
    if (pick(100) < failRate) {
      for (const root of input.ids.keys()) {
        failedRoots.add(root);
        pool.push({ kind: 'fail', root });
      }
    } else {
      for (const [root, id] of input.ids) {
        pool.push({ kind: 'ack', root, val: xor(id, input.ackVal.get(root) ?? [0, 0]), tuple: input });
      }
    }
  }
  while (pool.length > 0) deliver(pool.splice(pick(pool.length), 1)[0]!);
  return { roots, decided, failedRoots, ledger };
}

const seed = fc.tuple(fc.integer(), fc.integer(), fc.integer(), fc.integer({ min: 1 }));

describe('ack ledger', () => {
  it('ack ledger - random trees and DAGs, acks in random order: every root completes exactly once, never early', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), seed, (choices, s) => {
        const { roots, decided, ledger } = simulate(choices, 0, s);
        for (let r = 1; r <= roots; r++) assert.deepEqual(decided.get(r), ['complete'], `root ${r}`);
        assert.equal(ledger.size, 0, 'nothing left pending');
      }),
      { numRuns: 300 },
    );
  });

  it('ack ledger - with failures: a root with a failed tuple fails exactly once and never completes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), seed, (choices, s) => {
        const { roots, decided, failedRoots } = simulate(choices, 20, s);
        for (let r = 1; r <= roots; r++) {
          assert.deepEqual(decided.get(r), [failedRoots.has(r) ? 'failed' : 'complete'], `root ${r}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ack ledger - an ack before the init waits for the init to decide', () => {
    const l = new AckLedger();
    assert.equal(l.ack(7, 5, 6), 'pending');
    assert.equal(l.init(7, 3, 5, 6), 'complete');
    assert.equal(l.spoutTask, 3);
    assert.equal(l.size, 0);
  });

  it('ack ledger - entries expire a whole timeout after creation, reports or not; a touch restarts them', () => {
    const l = new AckLedger(2);
    l.init(1, 9, 1, 1);
    l.init(2, 9, 1, 1);
    l.init(3, 9, 1, 1);
    l.expire();
    l.ack(2, 0, 1); // a report does not move the entry
    assert.equal(l.touch(3), true); // a resetTimeout does
    assert.equal(l.touch(4), false);
    assert.equal(l.expire(), 2, 'roots 1 and 2 expired');
    assert.equal(l.size, 1);
    assert.equal(l.ack(3, 1, 1), 'complete');
  });
});

describe('edge ids', () => {
  it('edge ids - 64 random bits per id: no repeats over many draws, every bit set sometimes', () => {
    const ids = new EdgeIds();
    const seen = new Set<string>();
    let or = 0;
    let and = -1;
    for (let i = 0; i < 100_000; i++) {
      const hi = ids.next32();
      const lo = ids.next32();
      seen.add(`${hi}:${lo}`);
      or |= hi | lo;
      and &= hi & lo;
    }
    assert.equal(seen.size, 100_000);
    assert.equal(or, -1);
    assert.equal(and, 0);
  });

  it('edge ids - the same seed gives the same sequence', () => {
    const a = new EdgeIds([1, 2, 3, 4]);
    const b = new EdgeIds([1, 2, 3, 4]);
    for (let i = 0; i < 100; i++) assert.equal(a.next32(), b.next32());
  });
});
