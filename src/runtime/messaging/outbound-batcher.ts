/**
 * Collects tuples bound for one remote worker into `DataBatch`es: a batch holds consecutive tuples
 * of one source task and stream (what one task emits in a step is consecutive), and is sent when
 * it reaches `maxBatch` tuples or when the worker flushes at the end of each scheduler slice.
 * Hot path: `add` pushes into two arrays; one batch object per flush.
 */
import type { TupleImpl } from '../tuple/tuple-impl.js';
import { checkSerializable } from './serializable.js';
import type { WorkerLink } from './transport.js';

export class OutboundBatcher {
  #sourceTask = 0;
  #stream = '';
  #dest: number[] = [];
  #values: (readonly unknown[])[] = [];
  /** Created at the first tracked tuple of a batch; earlier ones get `null`. */
  #tracks: (number[] | null)[] | null = null;

  constructor(
    readonly link: WorkerLink,
    private readonly maxBatch: number,
  ) {}

  get writable(): boolean {
    return this.link.writable;
  }

  /** Tuples waiting to be sent. */
  get pending(): number {
    return this.#dest.length;
  }

  /** Queues `tuple` for `destTask`; throws `UNSERIALIZABLE_VALUE` if a value cannot travel. */
  add(destTask: number, tuple: TupleImpl): void {
    checkSerializable(tuple.values, tuple.schema, tuple.sourceTask);
    const n = this.#dest.length;
    if (
      n > 0 &&
      (n >= this.maxBatch || tuple.sourceTask !== this.#sourceTask || tuple.schema.stream !== this.#stream)
    ) {
      this.flush();
    }
    if (this.#dest.length === 0) {
      this.#sourceTask = tuple.sourceTask;
      this.#stream = tuple.schema.stream;
    }
    this.#dest.push(destTask);
    this.#values.push(tuple.values);
    const track = tuple.trackArray();
    if (this.#tracks !== null) this.#tracks.push(track);
    else if (track !== null) {
      this.#tracks = new Array<number[] | null>(this.#dest.length - 1).fill(null);
      this.#tracks.push(track);
    }
  }

  flush(): void {
    if (this.#dest.length === 0) return;
    this.link.send({
      kind: 'data',
      sourceTask: this.#sourceTask,
      stream: this.#stream,
      destTasks: this.#dest,
      values: this.#values,
      ...(this.#tracks !== null ? { tracks: this.#tracks } : {}),
    });
    this.#dest = [];
    this.#values = [];
    this.#tracks = null;
  }
}
