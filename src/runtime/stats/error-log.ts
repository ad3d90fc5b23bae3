/**
 * The latest errors of each component (a bounded list per component, oldest dropped first), for
 * the CLI and UI. Also counts every error, kept or not.
 */
export interface ErrorRecord {
  readonly component: string;
  readonly taskId: number;
  /** Wall-clock time, ms since the epoch. */
  readonly time: number;
  readonly message: string;
  /** `code` when the error is a `GaleError`. */
  readonly code?: string;
  /** A short rendering of the tuple being executed, if any. */
  readonly tuple?: string;
  readonly stack?: string;
}

export class ErrorLog {
  readonly #byComponent = new Map<string, ErrorRecord[]>();
  #total = 0;

  constructor(private readonly keep: number) {}

  get total(): number {
    return this.#total;
  }

  add(record: ErrorRecord): void {
    this.#total++;
    if (this.keep === 0) return;
    let list = this.#byComponent.get(record.component);
    if (list === undefined) {
      list = [];
      this.#byComponent.set(record.component, list);
    }
    list.push(record);
    if (list.length > this.keep) list.shift();
  }

  /** The kept errors of `component` (all components when left out), oldest first. */
  list(component?: string): ErrorRecord[] {
    if (component !== undefined) return [...(this.#byComponent.get(component) ?? [])];
    return [...this.#byComponent.values()].flat().sort((a, b) => a.time - b.time);
  }
}
