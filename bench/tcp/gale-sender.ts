/**
 * Gale's side as sender: a `TcpTransport` (worker `w1`, which sorts first and so dials `w2`) and
 * its link to the receiving worker. Each batch is one `DataBatch` (source task 1, stream
 * `default`, one destination task per tuple); flow control is the link's `writable` flag and the
 * transport's `onWritable`, as the runtime uses them.
 */
import { silentLogger } from '../../src/runtime/index.js';
import type { DataBatch } from '../../src/runtime/messaging/messages.js';
import { TcpTransport } from '../../src/transport/index.js';
import type { BatchSender } from './endpoints.js';
import type { OutBatch } from './tuple-pool.js';
import { waitUntil } from './wait.js';

export const SENDER_WORKER = 'w1';
export const RECEIVER_WORKER = 'w2';
/** Frame header of Gale's framing: length (4), version (1), kind (1). */
const FRAME_HEADER_BYTES = 6;

function dataBatch(batch: OutBatch): DataBatch {
  return { kind: 'data', sourceTask: 1, stream: 'default', destTasks: batch.destTasks, values: batch.tuples };
}

class GaleSender implements BatchSender {
  readonly acked: Promise<void>;
  readonly #link;

  constructor(private readonly transport: TcpTransport) {
    this.#link = transport.link(RECEIVER_WORKER);
    this.acked = new Promise((resolve) => transport.onMessage(() => resolve()));
  }

  send(batch: OutBatch): boolean {
    this.#link.send(dataBatch(batch));
    return this.#link.writable;
  }

  onReady(handler: () => void): void {
    this.transport.onWritable(handler);
  }

  frameBytes(batch: OutBatch): number {
    return this.transport.codec.encode(dataBatch(batch)).length + FRAME_HEADER_BYTES;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

export async function connectGale(port: number, host: string): Promise<BatchSender> {
  const transport = new TcpTransport({ workerId: SENDER_WORKER, logger: silentLogger });
  await transport.listen();
  transport.setPeers(new Map([[RECEIVER_WORKER, { host, port }]]));
  await waitUntil(() => transport.connected, 10_000, 'the Gale sender did not connect');
  return new GaleSender(transport);
}
