/**
 * Random 64-bit edge ids, as two 32-bit halves, for the XOR acker. xorshift128 (Marsaglia), seeded
 * from the OS's random source: one edge id costs two calls and no allocation. 64 bits keep the
 * chance of a tree completing by accident at Storm's level (the XOR of the live edges hitting zero
 * by chance is 2^-64 per update); 32-bit ids would not.
 */
import { webcrypto } from 'node:crypto';

export class EdgeIds {
  #x: number;
  #y: number;
  #z: number;
  #w: number;

  constructor(seed?: readonly [number, number, number, number]) {
    const s = seed ?? [...webcrypto.getRandomValues(new Uint32Array(4))];
    [this.#x, this.#y, this.#z, this.#w] = s.map((v) => v | 0) as [number, number, number, number];
    if ((this.#x | this.#y | this.#z | this.#w) === 0) this.#w = 1; // all-zero is a fixed point
  }

  /** The next 32 random bits, as a signed int32 (so V8 keeps them unboxed). */
  next32(): number {
    const t = this.#x ^ (this.#x << 11);
    this.#x = this.#y;
    this.#y = this.#z;
    this.#z = this.#w;
    this.#w = this.#w ^ (this.#w >>> 19) ^ (t ^ (t >>> 8));
    return this.#w | 0;
  }
}
