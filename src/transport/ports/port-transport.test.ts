import { MessageChannel } from 'node:worker_threads';
import { transportContract } from '../../../test/contracts/transport.contract.js';
import { silentLogger } from '../../runtime/worker/logger.js';
import { portMesh, PortTransport } from './port-transport.js';

// The ports of one thread behave as across threads (each end is its own event source); the
// transport with real worker threads is exercised by the local-mode thread tests.
transportContract('worker ports', (ids) => {
  const mesh = portMesh(ids, () => new MessageChannel());
  return Promise.resolve(
    ids.map(
      (id) => new PortTransport({ workerId: id, logger: silentLogger, ports: mesh.get(id)!, window: 8 }),
    ),
  );
});
