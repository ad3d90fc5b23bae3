/**
 * A client of the UI server's REST API for tests: JSON GET and POST (10 s deadline each), and
 * a wait for a number to stop changing (a deactivated spout's count, say).
 */
import { waitFor } from './wait-for.js';

export interface JsonResponse<T> {
  readonly status: number;
  readonly body: T;
}

export async function getJson<T>(base: string, path: string): Promise<JsonResponse<T>> {
  const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as T };
}

/** POSTs `body` (a string as is, anything else as JSON) with content type `type`. */
export async function postJson<T>(
  base: string,
  path: string,
  body?: unknown,
  type = 'application/json',
): Promise<JsonResponse<T>> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': type },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * Waits until `read` returns the same value `times` polls in a row (`intervalMs` apart, within
 * `timeoutMs`); resolves with that value.
 */
export async function untilStill(
  read: () => Promise<number>,
  options: { times: number; intervalMs: number; timeoutMs: number; message: string },
): Promise<number> {
  let last = -1;
  let still = 0;
  await waitFor(
    async () => {
      const now = await read();
      still = now === last ? still + 1 : 0;
      last = now;
      return still >= options.times;
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs, message: options.message },
  );
  return last;
}
