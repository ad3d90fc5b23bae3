/**
 * Waits until workers that do not share a thread are quiet: nothing queued anywhere, and their
 * counters standing still for three samples in a row, so nothing is in flight between them
 * either (a message in flight shows up as a counter moving once it lands).
 */

/** One sample of all workers: tuples queued, and a key that changes when any counter moves. */
export interface QuietSample {
  readonly queued: number;
  readonly key: string;
}

/** Resolves true once quiet, false if `deadline` (epoch ms) passes first. */
export async function awaitQuiet(
  sample: () => Promise<QuietSample>,
  deadline: number,
  pauseMs = 10,
): Promise<boolean> {
  let last = '';
  let stable = 0;
  while (Date.now() < deadline) {
    const s = await sample();
    stable = s.queued === 0 && s.key === last ? stable + 1 : 0;
    last = s.key;
    if (stable >= 3) return true;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return false;
}
