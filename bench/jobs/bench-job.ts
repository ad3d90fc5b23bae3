/**
 * The contract every benchmark job implements: count the words of the corpus sentences.
 *
 * `run` may return a Promise because some pipelines (Node streams, a Gale topology) only finish
 * asynchronously; the harness awaits it inside the timed interval.
 */
export interface BenchJob {
  /** Registry id, e.g. `a-loop`; the part before the first `-` is the short id (`a`). */
  readonly id: string;
  /** One line saying what the job measures, printed in the report. */
  readonly name: string;
  run(sentences: readonly string[]): Map<string, number> | Promise<Map<string, number>>;
}
