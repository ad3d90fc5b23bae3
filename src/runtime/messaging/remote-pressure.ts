/**
 * Which tasks of other workers asked not to be sent to (their queues are full), as the latest
 * `BackpressureStatus` of each worker says. Emitters read `isOverloaded(task)` once per remote
 * delivery; the worker wakes its scheduler when a task is released.
 */
export class RemotePressure {
  readonly #overloaded: boolean[] = [];
  readonly #byWorker = new Map<string, readonly number[]>();

  isOverloaded(task: number): boolean {
    return this.#overloaded[task] === true;
  }

  /** Applies `worker`'s status; returns whether some task was released. */
  update(worker: string, overloaded: readonly number[]): boolean {
    const before = this.#byWorker.get(worker) ?? [];
    for (const t of before) this.#overloaded[t] = false;
    for (const t of overloaded) this.#overloaded[t] = true;
    this.#byWorker.set(worker, overloaded);
    return before.some((t) => !this.#overloaded[t]);
  }
}
