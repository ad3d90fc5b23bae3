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
  /**
   * Untimed set-up before `run`, for jobs whose start-up is not part of what they measure (worker
   * threads loading their modules); `run` is then called with the same sentences.
   */
  prepare?(sentences: readonly string[]): Promise<void>;
  run(sentences: readonly string[]): Map<string, number> | Promise<Map<string, number>>;
  /**
   * CPU ms that the subprocesses of the last `run` used (multilang jobs), which the harness adds to
   * the process's own: the job reads it before it stops them.
   */
  subprocessCpuMs?(): number;
}
