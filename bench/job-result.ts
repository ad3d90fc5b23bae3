/**
 * What a child process reports for one (job, round): the last line of its stdout, as JSON. The schema
 * is shared by the child (which builds it) and the parent (which validates it), so the two cannot drift.
 */
import { z } from 'zod';

export const JobResultSchema = z.object({
  job: z.string(),
  /** The job's one-line description (BenchJob.name). */
  name: z.string(),
  sentences: z.number(),
  words: z.number(),
  wallMs: z.number(),
  cpuMs: z.number(),
  wordsPerSec: z.number(),
  sentencesPerSec: z.number(),
  wordsPerCpuSec: z.number(),
  /** Peak RSS of the process (getrusage maxRSS), bytes. */
  maxRssBytes: z.number(),
  /** RSS once the corpus was generated (and garbage collected), bytes. */
  rssAfterCorpusBytes: z.number(),
  checksum: z.string(),
  expectedChecksum: z.string(),
  correct: z.boolean(),
});

export type JobResult = z.infer<typeof JobResultSchema>;
