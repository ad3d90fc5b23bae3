/**
 * The plain harness's client (peer-baselines.md `g-tcp-msgpackr-*`): each batch is one msgpackr
 * array of tuples in one length-prefixed frame, one `write()` per frame; after a `write()` that
 * returns false it waits for `'drain'`. Nagle is off, as on Gale's connections.
 */
import { connect, type Socket } from 'node:net';
import { Packr } from 'msgpackr';
import type { BatchSender } from './endpoints.js';
import { frame } from './plain-frames.js';
import type { OutBatch } from './tuple-pool.js';

class PlainSender implements BatchSender {
  readonly #packr = new Packr({ useRecords: false });
  readonly acked: Promise<void>;

  constructor(private readonly socket: Socket) {
    this.acked = new Promise((resolve, reject) => {
      socket.once('data', () => resolve());
      socket.once('close', () => reject(new Error('the receiver closed before acknowledging')));
    });
    // The sender may close after the ack: a rejection nobody waits for anymore is not an error.
    this.acked.catch(() => {});
  }

  send(batch: OutBatch): boolean {
    return this.socket.write(frame(this.#packr.pack(batch.tuples)));
  }

  onReady(handler: () => void): void {
    this.socket.on('drain', handler);
  }

  frameBytes(batch: OutBatch): number {
    return frame(this.#packr.pack(batch.tuples)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.end(() => resolve()));
  }
}

export function connectPlain(port: number, host: string): Promise<BatchSender> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(new PlainSender(socket));
    });
  });
}
