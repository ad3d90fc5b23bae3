/**
 * The shell metrics a subprocess may update with the `metrics` command: counters named in the
 * component's options (Storm's `CountShellMetric`): a number adds it, `null` or nothing adds 1.
 */
export class ShellMetrics {
  readonly #counts = new Map<string, number>();

  constructor(names: readonly string[]) {
    for (const n of names) this.#counts.set(n, 0);
  }

  /** Applies one `metrics` command; returns what is wrong with it, or null. */
  update(name: unknown, params: unknown): string | null {
    if (typeof name !== 'string' || name === '') return 'sent metrics without a metric name';
    const current = this.#counts.get(name);
    if (current === undefined)
      return `updated metric ${JSON.stringify(name)}, which its ShellBolt/ShellSpout options do not declare (metrics: [${[...this.#counts.keys()].map((k) => JSON.stringify(k)).join(', ')}])`;
    if (params === null || params === undefined) this.#counts.set(name, current + 1);
    else if (typeof params === 'number' && Number.isFinite(params)) this.#counts.set(name, current + params);
    else
      return `updated metric ${JSON.stringify(name)} with ${JSON.stringify(params)}: a counter takes a number or null`;
    return null;
  }

  /** The current value of each declared metric. */
  values(): ReadonlyMap<string, number> {
    return this.#counts;
  }
}
