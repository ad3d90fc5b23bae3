import { GaleError } from '../../api/errors.js';
import type { RangeKey } from '../../api/grouping.js';
import type { Grouper } from './grouper.js';

/**
 * Range: ordered key ranges. With ascending boundaries b0 … bk (k = tasks - 1), a key below b0
 * goes to the first task, a key in [b(i-1), bi) to task i, and a key from bk on to the last task: a binary
 * search, so the cost is log(tasks) comparisons.
 */
export class RangeGrouper implements Grouper {
  readonly #kind: string;

  constructor(
    private readonly tasks: readonly number[],
    private readonly keyIndex: number,
    private readonly boundaries: readonly RangeKey[],
    private readonly where: { readonly component: string; readonly stream: string; readonly field: string },
  ) {
    if (boundaries.length !== tasks.length - 1) {
      throw new Error(`range grouping needs ${tasks.length - 1} boundaries, got ${boundaries.length}`);
    }
    this.#kind = boundaries.length > 0 ? typeof boundaries[0] : '';
  }

  choose(values: readonly unknown[], out: number[], offset: number): number {
    const key = values[this.keyIndex];
    const b = this.boundaries;
    if (b.length > 0 && (typeof key !== this.#kind || Number.isNaN(key))) {
      const { component, stream, field } = this.where;
      throw new GaleError(
        'INVALID_KEY',
        `range grouping on '${component}.${stream}': field '${field}' must be a ${this.#kind} like the boundaries, got ${Number.isNaN(key) ? 'NaN' : typeof key}`,
        { details: { component, stream, field } },
      );
    }
    let lo = 0;
    let hi = b.length; // number of boundaries <= key
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[mid]! <= (key as RangeKey)) lo = mid + 1;
      else hi = mid;
    }
    out[offset] = this.tasks[lo]!;
    return 1;
  }
}
