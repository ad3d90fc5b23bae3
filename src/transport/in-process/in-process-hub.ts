/**
 * The meeting point of in-process transport endpoints: workers that share one thread (local mode
 * with several workers) find each other here by worker id.
 */
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import type { InProcessTransport } from './in-process-transport.js';
import { tuplesIn } from './tuples-in.js';

export class InProcessHub {
  readonly #endpoints = new Map<string, InProcessTransport>();
  #dropped = 0;

  /** @internal */
  register(endpoint: InProcessTransport): void {
    if (this.#endpoints.has(endpoint.workerId))
      throw new Error(`worker '${endpoint.workerId}' is already registered`);
    this.#endpoints.set(endpoint.workerId, endpoint);
  }

  /** @internal */
  unregister(endpoint: InProcessTransport): void {
    if (this.#endpoints.get(endpoint.workerId) === endpoint) this.#endpoints.delete(endpoint.workerId);
  }

  /** @internal */
  endpoint(workerId: string): InProcessTransport | undefined {
    return this.#endpoints.get(workerId);
  }

  /** @internal Counts the tuples of a message sent to a worker that is not (or no longer) there. */
  countDropped(message: TransportMessage): void {
    this.#dropped += tuplesIn(message);
  }

  /** Tuples dropped because their receiver was gone. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Messages sent but not yet handed to a receiver, over all endpoints. */
  inFlight(): number {
    let n = 0;
    for (const e of this.#endpoints.values()) n += e.inboxSize();
    return n;
  }

  /** Tuples in messages sent but not yet handed to a receiver, over all endpoints. */
  inFlightTuples(): number {
    let n = 0;
    for (const e of this.#endpoints.values()) n += e.inboxTuples();
    return n;
  }
}
