/**
 * The history of one counter vector: a point per sample for the last 10 minutes and a point per
 * minute for the last 3 hours, plus the first point. Windows are differences between the newest
 * point and the one at the window's start (or the oldest kept, while the history is shorter).
 */
interface Point {
  readonly time: number;
  readonly values: Float64Array;
}

const COARSE_STEP_MS = 60_000;

export class MetricHistory {
  readonly #fine: Point[] = [];
  readonly #coarse: Point[] = [];
  #first: Point | null = null;
  readonly #fineKeepMs: number;
  readonly #coarseKeepMs: number;

  /**
   * @param size - length of the vectors pushed
   * @param fineKeepSecs - how long every point is kept (10 min; a task's history needs 10 s)
   * @param coarseKeepSecs - how long a point per minute is kept (3 h; 0 keeps none)
   */
  constructor(
    readonly size: number,
    fineKeepSecs = 610,
    coarseKeepSecs = 10_860,
  ) {
    this.#fineKeepMs = fineKeepSecs * 1000;
    this.#coarseKeepMs = coarseKeepSecs * 1000;
  }

  /** Adds the vector's value at `time` (ms); times must not go back. */
  push(time: number, values: Float64Array): void {
    const point = { time, values: Float64Array.from(values) };
    this.#first ??= point;
    const last = this.#fine.at(-1);
    if (last !== undefined && time < last.time) return;
    this.#fine.push(point);
    while (this.#fine.length > 2 && this.#fine[0]!.time < time - this.#fineKeepMs) this.#fine.shift();
    const lastCoarse = this.#coarse.at(-1);
    if (this.#coarseKeepMs > 0 && (lastCoarse === undefined || time - lastCoarse.time >= COARSE_STEP_MS)) {
      this.#coarse.push(point);
      while (this.#coarse.length > 2 && this.#coarse[0]!.time < time - this.#coarseKeepMs)
        this.#coarse.shift();
    }
  }

  get latest(): Point | null {
    return this.#fine.at(-1) ?? null;
  }

  get first(): Point | null {
    return this.#first;
  }

  /** The points of the last 10 minutes, oldest first. */
  recent(): readonly Point[] {
    return this.#fine;
  }

  /**
   * The change over the last `secs` seconds (`Infinity`: since the first point, against zero) and
   * the seconds it covers. Null before any point.
   */
  window(secs: number): { delta: Float64Array; seconds: number } | null {
    const latest = this.latest;
    if (latest === null) return null;
    if (secs === Infinity) {
      const first = this.#first!;
      return {
        delta: Float64Array.from(latest.values),
        seconds: Math.max(0, (latest.time - first.time) / 1000),
      };
    }
    const from = latest.time - secs * 1000;
    const points =
      secs * 1000 <= this.#fineKeepMs - 10_000 || this.#coarse.length === 0 ? this.#fine : this.#coarse;
    let start = points[0] ?? latest;
    for (const p of points) {
      if (p.time > from) break;
      start = p;
    }
    const delta = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) delta[i] = latest.values[i]! - start.values[i]!;
    return { delta, seconds: (latest.time - start.time) / 1000 };
  }
}
