/** Storm's window selector: which of 10s, 10m, 3h and all time the stat tables show. */
import { WINDOWS, type WindowName } from '../../src/metrics/views.js';
import { h } from './dom.js';

const LABELS: Record<WindowName, string> = { '10s': '10 s', '10m': '10 min', '3h': '3 h', all: 'all time' };

export class WindowPicker {
  readonly element: HTMLElement;
  #value: WindowName;

  constructor(initial: WindowName, onChange: (w: WindowName) => void) {
    this.#value = initial;
    const name = `window-${Math.random().toString(36).slice(2)}`;
    this.element = h(
      'fieldset',
      { class: 'window-picker' },
      h('legend', {}, 'Window'),
      ...WINDOWS.map((w) => {
        const input = h('input', { type: 'radio', name, value: w.name, checked: w.name === initial });
        input.addEventListener('change', () => {
          if (!input.checked) return;
          this.#value = w.name;
          onChange(w.name);
        });
        return h('label', {}, input, LABELS[w.name]);
      }),
    );
  }

  get value(): WindowName {
    return this.#value;
  }
}
