/**
 * The TCP transport: worker processes on one or many machines. One connection per worker pair,
 * shared by both directions: the worker whose id sorts first dials, the other accepts. The
 * dialer's first frame is a hello naming it; anything else first, or an unknown worker, closes
 * the connection. A lost connection is dialed again with exponential backoff; what is sent
 * meanwhile waits, in order, up to the flow-control window (see `TcpPeer`).
 *
 * `close()` says goodbye on every connection: each peer finishes what it was sending and ends its
 * side, so everything sent before the goodbye is delivered.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Logger } from '../../runtime/worker/logger.js';
import type { MessageHandler, Transport, WorkerLink } from '../../runtime/messaging/transport.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import { MessageCodec } from '../codec/message-codec.js';
import { InboundGate } from '../inbound-gate.js';
import { encodeFrame, FRAME_KINDS, FrameDecoder, type Frame } from './frame.js';
import { TcpPeer, type PeerHost } from './tcp-peer.js';

/** Where a worker listens. */
export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

export interface TcpTransportOptions {
  readonly workerId: string;
  readonly logger: Logger;
  /** Where to listen; port 0 picks a free one (see `listen()`). Default 127.0.0.1:0. */
  readonly listen?: TcpAddress;
  /** Longest frame accepted from a peer, in bytes (default 64 MiB). */
  readonly maxFrameBytes?: number;
  /** Messages a link may have unacknowledged before it stops being writable (default 256). */
  readonly window?: number;
  /** First and longest pause between dial attempts (default 50 ms and 2 s). */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** How long `close()` waits for peers to finish before dropping connections (default 5 s). */
  readonly closeTimeoutMs?: number;
}

export class TcpTransport implements Transport, PeerHost {
  readonly workerId: string;
  readonly codec = new MessageCodec();
  readonly maxFrameBytes: number;
  readonly #options: TcpTransportOptions;
  readonly #logger: Logger;
  readonly #server: Server;
  readonly #peers = new Map<string, TcpPeer>();
  readonly #addresses = new Map<string, TcpAddress>();
  readonly #dialTimers = new Map<string, NodeJS.Timeout>();
  readonly #dialAttempts = new Map<string, number>();
  readonly #pending = new Set<Socket>();
  readonly #inbound = new InboundGate();
  #closing: Promise<void> | null = null;

  constructor(options: TcpTransportOptions) {
    this.#options = options;
    this.workerId = options.workerId;
    this.#logger = options.logger;
    this.maxFrameBytes = options.maxFrameBytes ?? 64 * 1024 * 1024;
    this.#server = createServer((socket) => this.#accept(socket));
    this.#server.on('error', (err) => this.#logger.error({ err: err.message }, 'tcp server error'));
  }

  /** Starts listening; resolves with the address peers dial (the actual port when 0 was asked). */
  listen(): Promise<TcpAddress> {
    const { host, port } = this.#options.listen ?? { host: '127.0.0.1', port: 0 };
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        const address = this.#server.address();
        if (address === null || typeof address === 'string') return reject(new Error('no TCP address'));
        resolve({ host, port: address.port });
      });
    });
  }

  /**
   * Sets where the other workers listen, and dials those this worker dials (the ones whose id
   * sorts after its own). Addresses may change (a restarted peer): the next dial uses the new one.
   */
  setPeers(addresses: ReadonlyMap<string, TcpAddress>): void {
    for (const [id, address] of addresses) {
      if (id === this.workerId) continue;
      this.#addresses.set(id, address);
      this.#peer(id);
      if (this.#dials(id) && !this.#peer(id).connected && !this.#dialTimers.has(id)) this.#dial(id);
    }
  }

  /** Whether every peer with a known address is connected. */
  get connected(): boolean {
    for (const id of this.#addresses.keys()) if (!this.#peer(id).connected) return false;
    return true;
  }

  onMessage(handler: MessageHandler): void {
    this.#inbound.onMessage(handler);
  }

  link(peer: string): WorkerLink {
    return this.#peer(peer);
  }

  pauseInbound(): void {
    this.#inbound.pause();
  }

  resumeInbound(): void {
    this.#inbound.resume(this.#peers.values());
  }

  onWritable(handler: () => void): void {
    this.#inbound.onWritable(handler);
  }

  inFlight(): number {
    let n = this.#inbound.waiting;
    for (const p of this.#peers.values()) n += p.queued;
    return n;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  // PeerHost

  deliver(peer: TcpPeer, message: TransportMessage): void {
    this.#inbound.deliver(peer, message);
  }

  notifyWritable(): void {
    this.#inbound.notifyWritable();
  }

  connectionLost(peer: TcpPeer, reason: string, error: boolean): void {
    if (error) {
      this.#logger.error(
        { peer: peer.peer, err: reason },
        'closing the connection to a peer after a protocol error',
      );
    } else {
      this.#logger.debug({ peer: peer.peer, reason }, 'connection to a peer lost');
    }
    if (
      this.#closing === null &&
      this.#dials(peer.peer) &&
      !peer.connected &&
      !this.#dialTimers.has(peer.peer)
    ) {
      this.#scheduleDial(peer.peer);
    }
  }

  #peer(id: string): TcpPeer {
    let p = this.#peers.get(id);
    if (p === undefined) {
      p = new TcpPeer(id, this, this.#options.window ?? 256);
      this.#peers.set(id, p);
    }
    return p;
  }

  /** The worker whose id sorts first dials. */
  #dials(peer: string): boolean {
    return this.workerId < peer;
  }

  #dial(id: string): void {
    const address = this.#addresses.get(id);
    if (address === undefined || this.#closing !== null) return;
    const socket = connect(address.port, address.host);
    this.#pending.add(socket);
    socket.once('connect', () => {
      this.#pending.delete(socket);
      if (this.#closing !== null) return void socket.destroy();
      this.#dialAttempts.delete(id);
      socket.write(encodeFrame(FRAME_KINDS.hello, this.codec.encodeHello(this.workerId)));
      this.#peer(id).attach(socket, new FrameDecoder(this.maxFrameBytes));
    });
    socket.once('error', (err) => {
      if (!this.#pending.delete(socket)) return; // a connected socket: its peer handles errors
      this.#logger.debug({ peer: id, err: err.message }, 'dial failed');
      socket.destroy();
      if (this.#closing === null) this.#scheduleDial(id);
    });
  }

  #scheduleDial(id: string): void {
    const attempt = (this.#dialAttempts.get(id) ?? 0) + 1;
    this.#dialAttempts.set(id, attempt);
    const min = this.#options.reconnectMinMs ?? 50;
    const max = this.#options.reconnectMaxMs ?? 2000;
    const delay = Math.min(max, min * 2 ** Math.min(attempt - 1, 16));
    const timer = setTimeout(() => {
      this.#dialTimers.delete(id);
      this.#dial(id);
    }, delay);
    timer.unref();
    this.#dialTimers.set(id, timer);
  }

  /** A peer dialed us: its first frame must be a hello naming a worker that dials us. */
  #accept(socket: Socket): void {
    if (this.#closing !== null) return void socket.destroy();
    this.#pending.add(socket);
    const decoder = new FrameDecoder(this.maxFrameBytes);
    let peer: TcpPeer | null = null;
    const onFrame = (frame: Frame): void => {
      if (peer !== null) return peer.handleFrame(frame);
      if (frame.kind !== FRAME_KINDS.hello) throw new Error(`first frame is kind ${frame.kind}, not a hello`);
      const id = this.codec.decodeHello(frame.payload);
      if (id === this.workerId || this.#dials(id))
        throw new Error(`worker '${id}' may not dial '${this.workerId}'`);
      this.#pending.delete(socket);
      socket.off('data', onData);
      peer = this.#peer(id);
      peer.attach(socket, decoder);
    };
    const onData = (chunk: Buffer): void => {
      try {
        decoder.push(chunk, onFrame);
        peer?.sendCredit();
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        if (peer !== null) {
          this.connectionLost(peer, reason, true);
        } else {
          this.#logger.error(
            { remote: `${socket.remoteAddress}:${socket.remotePort}`, err: reason },
            'refusing a connection',
          );
        }
        socket.destroy();
      }
    };
    socket.on('data', onData);
    socket.on('error', () => this.#pending.delete(socket));
  }

  async #close(): Promise<void> {
    for (const t of this.#dialTimers.values()) clearTimeout(t);
    this.#dialTimers.clear();
    const serverClosed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#pending) s.destroy();
    this.#pending.clear();
    const goodbyes = Promise.all([...this.#peers.values()].map((p) => p.goodbye()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.closeTimeoutMs ?? 5000);
    });
    await Promise.race([goodbyes, timedOut]);
    clearTimeout(timer);
    for (const p of this.#peers.values()) p.destroy();
    await serverClosed;
  }
}
