/**
 * How long to wait before restarting a failed subprocess: 1 s, doubling to 30 s; back to 1 s
 * once a subprocess ran a minute without failing.
 */
export class RestartBackoff {
  #failures = 0;
  #startedAt = 0;

  constructor(
    private readonly firstMs = 1000,
    private readonly maxMs = 30_000,
    private readonly healthyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A subprocess came up. */
  started(): void {
    this.#startedAt = this.now();
  }

  /** A subprocess failed: the delay before the next start. */
  next(): number {
    if (this.#startedAt !== 0 && this.now() - this.#startedAt >= this.healthyMs) this.#failures = 0;
    this.#startedAt = 0;
    const delay = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(this.#failures, 16));
    this.#failures++;
    return delay;
  }
}
