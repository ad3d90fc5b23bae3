/** (c) RxJS 7: from(sentences) → mergeMap(split) → groupBy(word) → count() per group. */
import { count, from, groupBy, map, mergeMap } from 'rxjs';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'c-rxjs-groupby',
  name: 'RxJS 7 mergeMap(split) + groupBy + count',
  run(sentences) {
    const counts = new Map<string, number>();
    let completed = false;
    from(sentences)
      .pipe(
        mergeMap((sentence) => sentence.split(' ')),
        groupBy((word) => word),
        mergeMap((group) =>
          group.pipe(
            count(),
            map((n) => [group.key, n] as const),
          ),
        ),
      )
      .subscribe({
        next: ([word, n]) => counts.set(word, n),
        complete: () => (completed = true),
      });
    // from(array) emits synchronously, so the pipeline must have finished by now; say so if it has not.
    if (!completed) throw new Error('rxjs pipeline did not complete synchronously');
    return counts;
  },
};
