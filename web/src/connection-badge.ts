/** The header's indicator of the live stream: live, connecting, or disconnected — reconnecting. */
import { h, setText } from './dom.js';
import type { LiveState } from './live.js';

const LABELS: Record<LiveState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'disconnected — reconnecting',
  gone: 'stopped',
};

export class ConnectionBadge {
  readonly element = h('span', { class: 'badge', 'data-testid': 'connection', role: 'status' });

  constructor() {
    this.set('connecting');
  }

  set(state: LiveState): void {
    this.element.dataset['state'] = state;
    setText(this.element, LABELS[state]);
  }
}
