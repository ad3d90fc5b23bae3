/**
 * Gale's side as receiver: a `TcpTransport` (worker `w2`, dialed by `w1`) whose message handler
 * hands each `DataBatch`'s values over; the ack is a one-tuple `DataBatch` back on the same link.
 */
import { silentLogger } from '../../src/runtime/index.js';
import { TcpTransport } from '../../src/transport/index.js';
import type { BatchHandler, BatchReceiver } from './endpoints.js';
import { RECEIVER_WORKER, SENDER_WORKER } from './gale-sender.js';

export async function listenGale(host: string, onBatch: BatchHandler): Promise<BatchReceiver> {
  const transport = new TcpTransport({
    workerId: RECEIVER_WORKER,
    logger: silentLogger,
    listen: { host, port: 0 },
  });
  transport.onMessage((_from, message) => {
    if (message.kind === 'data') onBatch(message.values);
  });
  const { port } = await transport.listen();
  return {
    port,
    ack() {
      transport
        .link(SENDER_WORKER)
        .send({ kind: 'data', sourceTask: 2, stream: 'ack', destTasks: [1], values: [['done']] });
    },
    close() {
      return transport.close();
    },
  };
}
