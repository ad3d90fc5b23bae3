/** How a daemon command (`gale nimbus`, `gale supervisor`, `gale ui`) ends: on SIGTERM or SIGINT. */
import type { Logger } from '../runtime/index.js';

/** Resolves on the first SIGTERM or SIGINT. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => resolve(signal);
    process.once('SIGTERM', on('SIGTERM'));
    process.once('SIGINT', on('SIGINT'));
  });
}

/**
 * Waits for `stopped` (an {@link untilSignal} made before the daemon started, so that no signal is
 * missed), logs `<what>` with the signal, then closes `parts` one after the other, in order.
 * Returns the command's exit code, 0.
 */
export async function closeOnSignal(
  stopped: Promise<string>,
  logger: Logger,
  what: string,
  parts: readonly { close(): Promise<void> }[],
): Promise<number> {
  const signal = await stopped;
  logger.info({ signal }, what);
  for (const part of parts) await part.close();
  return 0;
}
