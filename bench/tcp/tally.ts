/**
 * What a receiver checks: tuples counted, the sum of their word lengths and the sum of their values.
 * The sender tallies what it sends the same way; the two must match.
 */
import type { WordTuple } from './tuple-pool.js';

export interface Checksum {
  readonly tuples: number;
  readonly lengthSum: number;
  readonly valueSum: number;
}

export class Tally implements Checksum {
  tuples = 0;
  lengthSum = 0;
  valueSum = 0;

  /** Adds decoded tuples; throws on one that is not `[string, number]`. */
  add(values: readonly (readonly unknown[])[]): void {
    let lengths = 0;
    let sum = 0;
    for (const tuple of values) {
      const word = tuple[0];
      const value = tuple[1];
      if (typeof word !== 'string' || typeof value !== 'number')
        throw new Error('received a tuple that is not [word, number]');
      lengths += word.length;
      sum += value;
    }
    this.tuples += values.length;
    this.lengthSum += lengths;
    this.valueSum += sum;
  }

  /** Adds tuples as sent. */
  addSent(tuples: readonly WordTuple[]): void {
    for (const [word, value] of tuples) {
      this.lengthSum += word.length;
      this.valueSum += value;
    }
    this.tuples += tuples.length;
  }

  /** Adds another tally's totals (a pool batch's, tallied once). */
  addTotals(other: Checksum): void {
    this.tuples += other.tuples;
    this.lengthSum += other.lengthSum;
    this.valueSum += other.valueSum;
  }

  snapshot(): Checksum {
    return { tuples: this.tuples, lengthSum: this.lengthSum, valueSum: this.valueSum };
  }
}

export function sameChecksum(a: Checksum, b: Checksum): boolean {
  return a.tuples === b.tuples && a.lengthSum === b.lengthSum && a.valueSum === b.valueSum;
}
