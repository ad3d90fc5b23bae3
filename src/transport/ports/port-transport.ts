/**
 * The worker-thread transport: one `MessagePort` per pair of worker threads (a `MessageChannel`
 * made by the thread that starts them). Messages are encoded with the same codec as TCP
 * (MessagePack) and their bytes transferred, not copied; so values behave the same whether a
 * worker is a thread or a process (registered classes keep their class, nothing is silently
 * cloned into `{}`). Flow control is by credit, as on TCP: a link with `window` messages the
 * receiver has not handed to its worker yet is not writable.
 */
import type { MessagePort } from 'node:worker_threads';
import type { MessageHandler, Transport, WorkerLink } from '../../runtime/messaging/transport.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import type { Logger } from '../../runtime/worker/logger.js';
import { MessageCodec } from '../codec/message-codec.js';
import { InboundGate } from '../inbound-gate.js';

/** What travels on a port. */
type PortFrame =
  | { readonly t: 'm'; readonly bytes: Uint8Array }
  | { readonly t: 'c'; readonly n: number }
  | { readonly t: 'bye' };

class PortLink implements WorkerLink {
  #unacked = 0;
  #stalled = false;
  #consumed = 0;
  /** The peer said goodbye: it sends nothing more, and takes nothing more. */
  closed = false;
  byeSent = false;

  constructor(
    readonly peer: string,
    readonly port: MessagePort,
    private readonly owner: PortTransport,
    private readonly window: number,
  ) {}

  get writable(): boolean {
    const w = this.#unacked < this.window;
    if (!w) this.#stalled = true;
    return w;
  }

  send(message: TransportMessage): void {
    if (this.closed) return;
    const bytes = this.owner.codec.encode(message);
    // A copy the size of the message, whose buffer is then moved to the other thread.
    const own = new Uint8Array(bytes);
    this.#unacked++;
    this.port.postMessage({ t: 'm', bytes: own } satisfies PortFrame, [own.buffer]);
  }

  credited(n: number): void {
    this.#unacked = Math.max(0, this.#unacked - n);
    if (this.#stalled && this.#unacked < this.window) {
      this.#stalled = false;
      this.owner.notifyWritable();
    }
  }

  consumed(n: number): void {
    this.#consumed += n;
  }

  sendCredit(): void {
    if (this.#consumed === 0 || this.closed) return;
    this.port.postMessage({ t: 'c', n: this.#consumed } satisfies PortFrame);
    this.#consumed = 0;
  }

  /** Says goodbye once: everything this side sent before is ahead of it on the port. */
  sendBye(): void {
    if (this.byeSent) return;
    this.byeSent = true;
    this.sendCredit();
    this.port.postMessage({ t: 'bye' } satisfies PortFrame);
  }
}

export interface PortTransportOptions {
  readonly workerId: string;
  readonly logger: Logger;
  /** The port to each peer worker. */
  readonly ports: ReadonlyMap<string, MessagePort>;
  /** Messages a link may have unacknowledged before it stops being writable (default 256). */
  readonly window?: number;
}

export class PortTransport implements Transport {
  readonly workerId: string;
  readonly codec = new MessageCodec();
  readonly #logger: Logger;
  readonly #links = new Map<string, PortLink>();
  readonly #inbound = new InboundGate();
  #creditScheduled = false;
  #closing: Promise<void> | null = null;
  #goodbyes = new Set<string>();
  #allGoodbyes: (() => void) | null = null;

  constructor(options: PortTransportOptions) {
    this.workerId = options.workerId;
    this.#logger = options.logger;
    for (const [peer, port] of options.ports) {
      const link = new PortLink(peer, port, this, options.window ?? 256);
      this.#links.set(peer, link);
      port.on('message', (frame: unknown) => this.#onFrame(link, frame));
    }
  }

  onMessage(handler: MessageHandler): void {
    this.#inbound.onMessage(handler);
  }

  link(peer: string): WorkerLink {
    const link = this.#links.get(peer);
    if (link === undefined) throw new Error(`worker '${this.workerId}' has no port to '${peer}'`);
    return link;
  }

  pauseInbound(): void {
    this.#inbound.pause();
  }

  resumeInbound(): void {
    this.#inbound.resume(this.#links.values());
  }

  onWritable(handler: () => void): void {
    this.#inbound.onWritable(handler);
  }

  notifyWritable(): void {
    this.#inbound.notifyWritable();
  }

  inFlight(): number {
    return this.#inbound.waiting;
  }

  /**
   * Says goodbye on every port and waits for every peer's goodbye (or 5 s), then closes them. A
   * peer answers a goodbye with its own once it has handled everything before it, so what it
   * sent before is delivered.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const l of this.#links.values()) l.sendBye();
    if (this.#goodbyes.size < this.#links.size) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.#allGoodbyes = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
    }
    for (const l of this.#links.values()) {
      l.closed = true;
      l.port.close();
    }
  }

  #onFrame(link: PortLink, frame: unknown): void {
    const f = frame as Partial<PortFrame> | null;
    try {
      if (f?.t === 'm' && f.bytes instanceof Uint8Array) {
        this.#inbound.deliver(link, this.codec.decode(f.bytes));
        this.#scheduleCredit();
      } else if (f?.t === 'c' && typeof f.n === 'number') {
        link.credited(f.n);
      } else if (f?.t === 'bye') {
        link.sendBye();
        link.closed = true;
        this.#goodbyes.add(link.peer);
        if (this.#goodbyes.size === this.#links.size) this.#allGoodbyes?.();
      } else {
        throw new Error('unknown frame on a worker port');
      }
    } catch (err) {
      this.#logger.error(
        { peer: link.peer, err: err instanceof Error ? err.message : String(err) },
        'dropping a malformed message from a peer',
      );
    }
  }

  /** Credits go out once per burst of messages, not one per message. */
  #scheduleCredit(): void {
    if (this.#creditScheduled) return;
    this.#creditScheduled = true;
    setImmediate(() => {
      this.#creditScheduled = false;
      for (const l of this.#links.values()) l.sendCredit();
    });
  }
}

/** Ports for `ids` workers: one `MessageChannel` per pair; `ports.get(a).get(b)` is a's end to b. */
export function portMesh(
  ids: readonly string[],
  makeChannel: () => { port1: MessagePort; port2: MessagePort },
): Map<string, Map<string, MessagePort>> {
  const mesh = new Map<string, Map<string, MessagePort>>(ids.map((id) => [id, new Map()]));
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const { port1, port2 } = makeChannel();
      mesh.get(ids[i]!)!.set(ids[j]!, port1);
      mesh.get(ids[j]!)!.set(ids[i]!, port2);
    }
  }
  return mesh;
}
