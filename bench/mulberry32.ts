/**
 * mulberry32: the 32-bit PRNG the peer baselines use (one stream, consumed sequentially). Returns floats
 * in [0, 1) with 32 bits of randomness, which is plenty for a 1000-word Zipf table.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
