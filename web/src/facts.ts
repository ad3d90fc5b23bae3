/** A row of labelled figures (status, uptime, rates) at the top of a page, re-rendered in place. */
import { h, replace, type Child } from './dom.js';

export interface Fact {
  readonly label: string;
  readonly value: Child;
  /** A `data-testid` on the value. */
  readonly testid?: string;
}

export class Facts {
  readonly element = h('dl', { class: 'facts' });

  update(facts: readonly Fact[]): void {
    replace(
      this.element,
      ...facts.map((f) =>
        h('div', { class: 'fact' }, h('dt', {}, f.label), h('dd', { 'data-testid': f.testid }, f.value)),
      ),
    );
  }
}

/** A status as a coloured pill: active, inactive, killed, rebalancing, starting, leader, … */
export function statusPill(status: string, testid?: string): HTMLElement {
  return h('span', { class: 'pill', 'data-status': status, 'data-testid': testid }, status);
}
