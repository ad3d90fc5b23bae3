/**
 * The topology config of the acked Gale runs (the `ga-gale-acked` job and the latency phase): one
 * acker task, and max spout pending chosen by measurement (bench/README.md, "Acking").
 */
import type { TopologyConfigInput } from '../src/api/index.js';

/**
 * Tuple trees a spout task may have pending. Chosen by measuring ga-gale-acked with 100, 1000, 5000
 * and no limit (and 50, 250 around the best) on 200k and 1M sentences: 100 was the fastest, by
 * 10-20% over 1000 and over no limit. Figures in bench/README.md, "Acking".
 */
export const MAX_SPOUT_PENDING: number | null = 100;

export const ACKED_CONFIG: TopologyConfigInput = { ackers: 1, maxSpoutPending: MAX_SPOUT_PENDING };
