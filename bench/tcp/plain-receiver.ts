/**
 * The plain harness's server: splits frames, decodes every payload with msgpackr and hands the
 * tuples over; the ack is one small frame back on the same connection.
 */
import { createServer, type Socket } from 'node:net';
import { Packr } from 'msgpackr';
import type { BatchHandler, BatchReceiver } from './endpoints.js';
import { frame, FrameSplitter } from './plain-frames.js';

export async function listenPlain(host: string, onBatch: BatchHandler): Promise<BatchReceiver> {
  const packr = new Packr({ useRecords: false });
  let client: Socket | null = null;
  const server = createServer((socket) => {
    client = socket;
    socket.setNoDelay(true);
    const splitter = new FrameSplitter();
    const onPayload = (payload: Buffer): void => {
      const tuples: unknown = packr.unpack(payload);
      if (!Array.isArray(tuples) || !tuples.every((t) => Array.isArray(t)))
        throw new Error('a frame is not an array of tuples');
      onBatch(tuples as unknown[][]);
    };
    socket.on('data', (chunk: Buffer) => splitter.push(chunk, onPayload));
    socket.on('error', () => {});
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
  return {
    port,
    ack() {
      client?.write(frame(packr.pack('done')));
    },
    close() {
      client?.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
