/**
 * Activate, Deactivate, Rebalance and Kill, each behind a confirmation dialog. The buttons are
 * made once and only enabled or disabled by live updates, so a click never lands on a node that
 * a re-render replaced. Test hooks: `button[data-action=<name>]`, `[data-testid=action-result]`.
 */
import type { TopologyDetailView } from '../../src/metrics/views.js';
import { api, type ActionResult } from './api.js';
import { confirmAction } from './confirm-dialog.js';
import { h, setText } from './dom.js';

function numberField(
  label: string,
  name: string,
  attrs: Record<string, string | number> = {},
): HTMLLabelElement {
  return h(
    'label',
    { class: 'field' },
    label,
    h('input', { type: 'number', name, min: 1, step: 1, ...attrs }),
  );
}

function inputValue(form: HTMLFormElement, name: string): number | undefined {
  const input = form.elements.namedItem(name);
  if (!(input instanceof HTMLInputElement) || input.value.trim() === '') return undefined;
  return Number(input.value);
}

export class TopologyActions {
  readonly element: HTMLElement;
  readonly #id: string;
  readonly #result = h('span', { class: 'action-result', role: 'status', 'data-testid': 'action-result' });
  readonly #buttons: Record<'activate' | 'deactivate' | 'rebalance' | 'kill', HTMLButtonElement>;
  #view: TopologyDetailView | null = null;
  readonly #onResult: (result: ActionResult) => void;

  /** `onResult` sees every action the server accepted. */
  constructor(topologyId: string, onResult: (result: ActionResult) => void) {
    this.#id = topologyId;
    this.#onResult = onResult;
    const button = (action: string, label: string, cls = ''): HTMLButtonElement =>
      h('button', { type: 'button', 'data-action': action, class: cls || null, disabled: true }, label);
    this.#buttons = {
      activate: button('activate', 'Activate'),
      deactivate: button('deactivate', 'Deactivate'),
      rebalance: button('rebalance', 'Rebalance'),
      kill: button('kill', 'Kill', 'danger'),
    };
    this.#buttons.activate.addEventListener('click', () => this.#simple('activate'));
    this.#buttons.deactivate.addEventListener('click', () => this.#simple('deactivate'));
    this.#buttons.rebalance.addEventListener('click', () => this.#rebalance());
    this.#buttons.kill.addEventListener('click', () => this.#kill());
    this.element = h(
      'div',
      { class: 'actions' },
      this.#buttons.activate,
      this.#buttons.deactivate,
      this.#buttons.rebalance,
      this.#buttons.kill,
      this.#result,
    );
  }

  update(view: TopologyDetailView): void {
    this.#view = view;
    const killed = view.status === 'killed';
    this.#buttons.activate.disabled = killed || view.status === 'active';
    this.#buttons.deactivate.disabled = killed || view.status === 'inactive';
    this.#buttons.rebalance.disabled = killed || view.status === 'rebalancing';
    this.#buttons.kill.disabled = killed;
  }

  /** The topology is gone: nothing left to act on. */
  disable(): void {
    for (const b of Object.values(this.#buttons)) b.disabled = true;
  }

  #done(verb: string, result: ActionResult): void {
    setText(this.#result, `${verb}: now ${result.status}`);
    this.#onResult(result);
  }

  #simple(action: 'activate' | 'deactivate'): void {
    const verb = action === 'activate' ? 'Activated' : 'Deactivated';
    confirmAction({
      title: `${action === 'activate' ? 'Activate' : 'Deactivate'} ${this.#id}?`,
      body: [
        h(
          'p',
          {},
          action === 'activate'
            ? 'Its spouts resume calling nextTuple.'
            : 'Its spouts stop calling nextTuple; tuples in flight still complete.',
        ),
      ],
      confirmLabel: action === 'activate' ? 'Activate' : 'Deactivate',
      run: async () => this.#done(verb, await api[action](this.#id)),
    });
  }

  #rebalance(): void {
    const view = this.#view;
    if (view === null) return;
    const components = [...view.spouts, ...view.bolts];
    const fields = h(
      'div',
      { class: 'fields' },
      numberField('Workers', 'workers', { placeholder: view.workers, max: 1024 }),
      ...components.map((c) =>
        numberField(`${c.id} executors`, `executors:${c.id}`, { placeholder: c.parallelism }),
      ),
    );
    const dialog = confirmAction({
      title: `Rebalance ${this.#id}?`,
      body: [h('p', {}, 'Leave a field empty to keep it as it is.'), fields],
      confirmLabel: 'Rebalance',
      run: async () => {
        const form = dialog.querySelector('form');
        if (form === null) return;
        const workers = inputValue(form, 'workers');
        const executors: Record<string, number> = {};
        for (const c of components) {
          const n = inputValue(form, `executors:${c.id}`);
          if (n !== undefined) executors[c.id] = n;
        }
        if (workers === undefined && Object.keys(executors).length === 0)
          throw new Error('Nothing to change: give workers or executors.');
        const body = {
          ...(workers === undefined ? {} : { workers }),
          ...(Object.keys(executors).length === 0 ? {} : { executors }),
        };
        this.#done('Rebalance requested', await api.rebalance(this.#id, body));
      },
    });
  }

  #kill(): void {
    const timeout = this.#view?.config['messageTimeoutSecs'];
    const wait = typeof timeout === 'number' ? timeout : 30;
    const dialog = confirmAction({
      title: `Kill ${this.#id}?`,
      body: [
        h(
          'p',
          {},
          'Its spouts are deactivated, then after the wait it is stopped and removed. This cannot be undone.',
        ),
        numberField('Wait (seconds)', 'waitSecs', { value: wait, min: 0, required: 'required' }),
      ],
      confirmLabel: 'Kill',
      danger: true,
      run: async () => {
        const form = dialog.querySelector('form');
        const waitSecs = form === null ? wait : (inputValue(form, 'waitSecs') ?? wait);
        this.#done('Kill requested', await api.kill(this.#id, waitSecs));
      },
    });
  }
}
