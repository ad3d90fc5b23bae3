/** Connected TCP transports on loopback, for transport tests. */
import type { Logger } from '../../src/runtime/worker/logger.js';
import { silentLogger } from '../../src/runtime/worker/logger.js';
import {
  TcpTransport,
  type TcpAddress,
  type TcpTransportOptions,
} from '../../src/transport/tcp/tcp-transport.js';
import { waitFor } from './wait-for.js';

export async function tcpTransports(
  ids: readonly string[],
  options: Partial<TcpTransportOptions> & { logger?: Logger } = {},
): Promise<TcpTransport[]> {
  const transports = ids.map(
    (workerId) =>
      new TcpTransport({
        window: 8,
        reconnectMinMs: 10,
        ...options,
        workerId,
        logger: options.logger ?? silentLogger,
      }),
  );
  const addresses = new Map<string, TcpAddress>();
  for (const t of transports) addresses.set(t.workerId, await t.listen());
  for (const t of transports) t.setPeers(addresses);
  await waitFor(() => transports.every((t) => t.connected), { message: 'every worker connected' });
  return transports;
}
