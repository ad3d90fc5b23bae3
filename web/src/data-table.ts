/**
 * A table whose rows are re-rendered on every live update. Columns are data: a heading, a cell
 * renderer, and whether the cell is a number (right-aligned, tabular figures).
 */
import { h, replace, type Child } from './dom.js';

export interface Column<T> {
  readonly head: string;
  /** A tooltip on the heading: what the column means. */
  readonly title?: string;
  readonly numeric?: boolean;
  readonly cell: (row: T) => Child;
  /** A `data-testid` for the cell, with the raw number in `data-value`. */
  readonly hook?: (row: T) => { readonly testid: string; readonly value: number };
}

export class DataTable<T> {
  readonly element: HTMLElement;
  readonly #body = h('tbody');
  readonly #columns: readonly Column<T>[];
  readonly #empty: string;

  constructor(columns: readonly Column<T>[], empty: string, testid?: string) {
    this.#columns = columns;
    this.#empty = empty;
    const head = h(
      'tr',
      {},
      ...columns.map((c) => h('th', { class: c.numeric === true ? 'num' : null, title: c.title }, c.head)),
    );
    this.element = h(
      'div',
      { class: 'table-wrap' },
      h('table', { 'data-testid': testid }, h('thead', {}, head), this.#body),
    );
  }

  update(rows: readonly T[]): void {
    if (rows.length === 0) {
      replace(
        this.#body,
        h('tr', {}, h('td', { class: 'empty', colspan: this.#columns.length }, this.#empty)),
      );
      return;
    }
    replace(
      this.#body,
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...this.#columns.map((c) => {
            const hook = c.hook?.(row);
            return h(
              'td',
              {
                class: c.numeric === true ? 'num' : null,
                'data-testid': hook?.testid,
                'data-value': hook?.value,
              },
              c.cell(row),
            );
          }),
        ),
      ),
    );
  }
}
