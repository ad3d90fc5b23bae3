import type { TransportMessage } from '../../runtime/messaging/messages.js';
import { assertNever } from '../../util/assert-never.js';

/** How many tuples a message carries (control messages carry none). */
export function tuplesIn(message: TransportMessage): number {
  switch (message.kind) {
    case 'data':
      return message.destTasks.length;
    case 'backpressure':
      return 0;
    default:
      return assertNever(message, 'message');
  }
}
