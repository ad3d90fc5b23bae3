import { transportContract } from '../../../test/contracts/transport.contract.js';
import { InProcessHub } from './in-process-hub.js';
import { InProcessTransport } from './in-process-transport.js';

transportContract('in-process', (ids) => {
  const hub = new InProcessHub();
  return Promise.resolve(ids.map((id) => new InProcessTransport(id, hub, { maxInFlightPerLink: 8 })));
});
