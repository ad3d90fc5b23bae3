/**
 * A worker's HTTP endpoint for Prometheus: `GET /metrics` answers the registry in the text
 * format; anything else is a 404. Owns its socket: `close()` is idempotent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export class MetricsEndpoint {
  readonly #server: Server;
  #closing: Promise<void> | null = null;

  constructor(private readonly registry: Registry) {
    this.#server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (err: unknown) =>
          res
            .writeHead(500, { 'content-type': 'text/plain' })
            .end(`metrics failed: ${err instanceof Error ? err.message : String(err)}\n`),
      );
    });
  }

  /** Listens on `host:port` (0: any free port); resolves with the metrics URL. */
  listen(host: string, port = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        const a = this.#server.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        resolve(`http://${h}:${a.port}/metrics`);
      });
    });
  }

  close(): Promise<void> {
    this.#closing ??= new Promise((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    return this.#closing;
  }
}
