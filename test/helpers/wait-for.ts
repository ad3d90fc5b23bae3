/**
 * Polls a condition until it holds or a bounded timeout passes: the test-side replacement for
 * sleeps. The condition may be async; a thrown error from it fails the wait at once.
 */
export interface WaitForOptions {
  /** Give up after this long (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Pause between polls (default 5 ms). */
  readonly intervalMs?: number;
  /** What was awaited, for the failure message. */
  readonly message?: string;
}

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  opts: WaitForOptions = {},
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const intervalMs = opts.intervalMs ?? 5;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() >= deadline) {
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${opts.message ?? 'condition not met'}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}
