/**
 * One peer worker as seen from a TCP transport: the link to it (a `WorkerLink`) and the one
 * connection shared by both directions (the worker with the smaller id dials, the other accepts).
 *
 * - Sending encodes a frame and writes it; writes of one tick are corked into one syscall (a
 *   `write()` costs about 9 µs on loopback, whatever its size), flushed early once `FLUSH_BYTES`
 *   are waiting, so the peer decodes the first batches of a burst while later ones are encoded.
 *   While disconnected, frames wait in a queue and go out, in order, when the connection is back.
 * - Flow control is by credit: the receiver sends back how many messages it handed to its worker;
 *   a link with `window` messages unacknowledged is not writable. A paused receiver therefore
 *   stops its senders after `window` messages, whatever the kernel's socket buffers hold.
 * - A protocol error (bad frame, bad message, another version) closes the connection with a
 *   logged error naming the peer; the dialing side reconnects with backoff.
 */
import type { Socket } from 'node:net';
import type { WorkerLink } from '../../runtime/messaging/transport.js';
import type { TransportMessage } from '../../runtime/messaging/messages.js';
import type { MessageCodec } from '../codec/message-codec.js';
import type { FrameDecoder } from './frame.js';
import { encodeFrame, FRAME_KINDS, type Frame } from './frame.js';

/** What a peer needs from its transport. */
export interface PeerHost {
  readonly workerId: string;
  readonly codec: MessageCodec;
  readonly maxFrameBytes: number;
  /** Hands an inbound message over (or queues it while inbound is paused). */
  deliver(peer: TcpPeer, message: TransportMessage): void;
  /** A link that was not writable is writable again. */
  notifyWritable(): void;
  /** A connection failed: the reason, for the log. */
  connectionLost(peer: TcpPeer, reason: string, error: boolean): void;
}

/** Corked bytes that are written at once rather than at the end of the tick. */
const FLUSH_BYTES = 16 * 1024;

export class TcpPeer implements WorkerLink {
  #socket: Socket | null = null;
  #decoder: FrameDecoder | null = null;
  #corked = false;
  /** Frames written while disconnected, waiting for the connection. */
  #queued: Buffer[] = [];
  /** Messages sent on this connection that the peer has not yet handed to its worker. */
  #unacked = 0;
  #stalled = false;
  /** Messages handed to our worker since the last credit was sent. */
  #consumed = 0;
  /** The peer said goodbye on the current connection. */
  #peerDone = false;
  #closeWaiters: (() => void)[] = [];

  constructor(
    readonly peer: string,
    private readonly host: PeerHost,
    private readonly window: number,
  ) {}

  get connected(): boolean {
    return this.#socket !== null;
  }

  get writable(): boolean {
    const w = this.#unacked + this.#queued.length < this.window;
    if (!w) this.#stalled = true;
    return w;
  }

  /** Frames waiting for a connection. */
  get queued(): number {
    return this.#queued.length;
  }

  send(message: TransportMessage): void {
    const frame = encodeFrame(FRAME_KINDS.message, this.host.codec.encode(message));
    if (this.#socket === null || this.#peerDone) {
      this.#queued.push(frame);
      return;
    }
    this.#unacked++;
    this.#write(frame);
  }

  /** Takes over `socket` (a new connection to this peer), flushing what waited. */
  attach(socket: Socket, decoder: FrameDecoder): void {
    this.#detach();
    this.#socket = socket;
    this.#decoder = decoder;
    this.#unacked = 0;
    this.#consumed = 0;
    this.#peerDone = false;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(socket, chunk));
    socket.on('close', () => this.#onClose(socket));
    socket.on('error', (err) => this.host.connectionLost(this, err.message, false));
    const queued = this.#queued;
    this.#queued = [];
    for (const frame of queued) {
      this.#unacked++;
      this.#write(frame);
    }
    if (this.#stalled && this.writable) this.#wake();
  }

  /** Our worker took `n` messages of this peer: they count towards the next credit. */
  consumed(n: number): void {
    this.#consumed += n;
  }

  /** Sends the credit owed, if any. */
  sendCredit(): void {
    if (this.#consumed === 0 || this.#socket === null) return;
    const n = this.#consumed;
    this.#consumed = 0;
    this.#write(encodeFrame(FRAME_KINDS.credit, this.host.codec.encodeCount(n)));
  }

  /**
   * Says goodbye: the peer finishes what it is sending and ends its side; resolves once the
   * connection is closed (or at once without one).
   */
  goodbye(): Promise<void> {
    const socket = this.#socket;
    if (socket === null) return Promise.resolve();
    this.sendCredit();
    this.#write(encodeFrame(FRAME_KINDS.goodbye, Buffer.alloc(0)));
    socket.end();
    return new Promise((resolve) => this.#closeWaiters.push(resolve));
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#socket?.destroy();
  }

  #write(frame: Buffer): void {
    const socket = this.#socket!;
    if (!this.#corked) {
      this.#corked = true;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    socket.write(frame);
    if (socket.writableLength >= FLUSH_BYTES) {
      // Flush what is corked and stay corked for the rest of the tick.
      socket.uncork();
      socket.cork();
    }
  }

  #onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.#socket) return;
    try {
      this.#decoder!.push(chunk, this.handleFrame);
    } catch (err) {
      this.host.connectionLost(this, err instanceof Error ? err.message : String(err), true);
      socket.destroy();
      return;
    }
    this.sendCredit();
  }

  /** Handles one frame of this peer's connection (throws on a protocol error). */
  handleFrame = (frame: Frame): void => {
    switch (frame.kind) {
      case FRAME_KINDS.message:
        this.host.deliver(this, this.host.codec.decode(frame.payload));
        return;
      case FRAME_KINDS.credit:
        this.#unacked = Math.max(0, this.#unacked - this.host.codec.decodeCount(frame.payload));
        if (this.#stalled && this.writable) this.#wake();
        return;
      case FRAME_KINDS.goodbye:
        // The peer is closing: finish what we are writing, then end our side too.
        this.#peerDone = true;
        this.sendCredit();
        this.#socket?.end();
        return;
      case FRAME_KINDS.hello:
        throw new Error(`unexpected hello from '${this.peer}' on an open connection`);
    }
  };

  #wake(): void {
    this.#stalled = false;
    this.host.notifyWritable();
  }

  #onClose(socket: Socket): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    this.#decoder = null;
    // Messages sent on the lost connection are no longer counted; the tuples' trees time out
    // and are replayed if they were lost.
    this.#unacked = 0;
    const waiters = this.#closeWaiters;
    this.#closeWaiters = [];
    for (const w of waiters) w();
    this.host.connectionLost(this, this.#peerDone ? 'peer closed' : 'connection closed', false);
    if (this.#stalled && this.writable) this.#wake();
  }

  #detach(): void {
    const old = this.#socket;
    if (old === null) return;
    this.#socket = null;
    old.destroy();
  }
}
