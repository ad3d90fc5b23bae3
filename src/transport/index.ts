/**
 * Transports: moving batches of tuples between workers. Internal to Gale.
 *
 * @internal
 * @module
 */
export { InProcessHub } from './in-process/in-process-hub.js';
export { InProcessTransport } from './in-process/in-process-transport.js';
export type { InProcessTransportOptions } from './in-process/in-process-transport.js';
export { TcpTransport } from './tcp/tcp-transport.js';
export type { TcpAddress, TcpTransportOptions } from './tcp/tcp-transport.js';
export { PortTransport, portMesh } from './ports/port-transport.js';
export type { PortTransportOptions } from './ports/port-transport.js';
