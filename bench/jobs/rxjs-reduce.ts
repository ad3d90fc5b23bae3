/** (c2) RxJS 7: from(sentences) → mergeMap(split) → reduce into one Map. */
import { from, mergeMap, reduce } from 'rxjs';
import type { BenchJob } from './bench-job.js';

export const job: BenchJob = {
  id: 'c2-rxjs-reduce',
  name: 'RxJS 7 mergeMap(split) + reduce(Map)',
  run(sentences) {
    let result: Map<string, number> | undefined;
    from(sentences)
      .pipe(
        mergeMap((sentence) => sentence.split(' ')),
        reduce((counts, word) => counts.set(word, (counts.get(word) ?? 0) + 1), new Map<string, number>()),
      )
      .subscribe((counts) => (result = counts));
    // from(array) emits synchronously, so the reduced Map exists by now.
    if (result === undefined) throw new Error('rxjs pipeline did not complete synchronously');
    return result;
  },
};
