/**
 * The in-process transport: a message is appended to the receiver's inbox and handed to its
 * handler on a microtask, after the sender's current step. Order per sender is the inbox order.
 * Flow control: a link is writable while fewer than `maxInFlightPerLink` of its messages wait in
 * the receiver's inbox; a paused receiver therefore stops its senders after that many.
 */
import type { MessageHandler, Transport, WorkerLink } from '../../runtime/messaging/transport.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import type { InProcessHub } from './in-process-hub.js';
import { tuplesIn } from './tuples-in.js';

interface Envelope {
  readonly from: string;
  readonly message: TransportMessage;
}

class InProcessLink implements WorkerLink {
  /** Messages of this link waiting in the peer's inbox. */
  waiting = 0;
  stalled = false;

  constructor(
    readonly peer: string,
    private readonly owner: InProcessTransport,
    private readonly hub: InProcessHub,
    private readonly max: number,
  ) {}

  get writable(): boolean {
    const w = this.waiting < this.max;
    if (!w) this.stalled = true;
    return w;
  }

  send(message: TransportMessage): void {
    const target = this.hub.endpoint(this.peer);
    if (target === undefined || target.closed) {
      this.hub.countDropped(message);
      return;
    }
    this.waiting++;
    target.enqueue({ from: this.owner.workerId, message }, this);
  }

  /** Called by the receiver when one of this link's messages left its inbox. */
  delivered(): void {
    this.waiting--;
    if (this.stalled && this.waiting < this.max) {
      this.stalled = false;
      this.owner.notifyWritable();
    }
  }
}

export interface InProcessTransportOptions {
  /** Messages a link may have waiting in a receiver's inbox before it stops being writable. */
  readonly maxInFlightPerLink?: number;
}

export class InProcessTransport implements Transport {
  readonly #hub: InProcessHub;
  readonly #links = new Map<string, InProcessLink>();
  /** Entries before `#head` were handed over (cleared so they can be collected). */
  readonly #inbox: ({ env: Envelope; link: InProcessLink } | undefined)[] = [];
  readonly #max: number;
  #head = 0;
  #handler: MessageHandler | null = null;
  #writableHandlers: (() => void)[] = [];
  #paused = false;
  #scheduled = false;
  #closing: Promise<void> | null = null;
  closed = false;

  constructor(
    readonly workerId: string,
    hub: InProcessHub,
    options: InProcessTransportOptions = {},
  ) {
    this.#hub = hub;
    this.#max = options.maxInFlightPerLink ?? 64;
    hub.register(this);
  }

  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
    this.#schedule();
  }

  onWritable(handler: () => void): void {
    this.#writableHandlers.push(handler);
  }

  link(peer: string): WorkerLink {
    let l = this.#links.get(peer);
    if (l === undefined) {
      l = new InProcessLink(peer, this, this.#hub, this.#max);
      this.#links.set(peer, l);
    }
    return l;
  }

  pauseInbound(): void {
    this.#paused = true;
  }

  resumeInbound(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#schedule();
  }

  inFlight(): number {
    let n = this.inboxSize();
    for (const l of this.#links.values()) n += l.waiting;
    return n;
  }

  /** @internal Messages waiting in this endpoint's inbox. */
  inboxSize(): number {
    return this.#inbox.length - this.#head;
  }

  /** @internal Tuples in messages waiting in this endpoint's inbox. */
  inboxTuples(): number {
    let n = 0;
    for (let i = this.#head; i < this.#inbox.length; i++) n += tuplesIn(this.#inbox[i]!.env.message);
    return n;
  }

  /** @internal */
  enqueue(env: Envelope, link: InProcessLink): void {
    this.#inbox.push({ env, link });
    this.#schedule();
  }

  /** @internal */
  notifyWritable(): void {
    for (const h of this.#writableHandlers) h();
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Hand over what already arrived, then leave the hub; later sends to us are dropped.
      this.#paused = false;
      this.#deliver();
      await Promise.resolve();
      this.closed = true;
      // What arrived while we yielded is handed over too; nothing can arrive after `closed`.
      this.#deliver();
      this.#hub.unregister(this);
      this.#handler = null;
      this.#writableHandlers = [];
    })();
    return this.#closing;
  }

  #schedule(): void {
    if (this.#scheduled || this.#paused || this.#handler === null) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#deliver();
    });
  }

  #deliver(): void {
    const inbox = this.#inbox;
    while (this.#head < inbox.length && !this.#paused && this.#handler !== null) {
      const item = inbox[this.#head]!;
      inbox[this.#head++] = undefined;
      item.link.delivered();
      this.#handler(item.env.from, item.env.message);
    }
    if (this.#head === inbox.length) {
      inbox.length = 0;
      this.#head = 0;
    }
  }
}
