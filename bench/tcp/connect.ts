/** Opens the sending or receiving end of the implementation under test. */
import type { BatchHandler, BatchReceiver, BatchSender, TcpImpl } from './endpoints.js';
import { connectGale } from './gale-sender.js';
import { listenGale } from './gale-receiver.js';
import { connectPlain } from './plain-sender.js';
import { listenPlain } from './plain-receiver.js';

export function connectSender(impl: TcpImpl, port: number, host: string): Promise<BatchSender> {
  return impl === 'gale' ? connectGale(port, host) : connectPlain(port, host);
}

export function listenReceiver(impl: TcpImpl, host: string, onBatch: BatchHandler): Promise<BatchReceiver> {
  return impl === 'gale' ? listenGale(host, onBatch) : listenPlain(host, onBatch);
}
