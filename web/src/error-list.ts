/** The latest errors, newest first, each with where it happened; the stack behind a disclosure. */
import type { ErrorEntry } from '../../src/metrics/worker-sample.js';
import { DataTable } from './data-table.js';
import { h } from './dom.js';
import * as fmt from './format.js';
import { links } from './router.js';

function message(e: ErrorEntry): HTMLElement {
  const text = h(
    'span',
    { class: 'error-text' },
    e.code === undefined ? e.message : `${e.code}: ${e.message}`,
  );
  if (e.stack === undefined && e.tuple === undefined) return text;
  return h(
    'details',
    {},
    h('summary', {}, text),
    e.tuple === undefined ? null : h('div', {}, 'tuple: ', h('code', {}, e.tuple)),
    e.stack === undefined ? null : h('pre', {}, e.stack),
  );
}

export function errorList(topologyId: string): DataTable<ErrorEntry> {
  return new DataTable<ErrorEntry>(
    [
      { head: 'Time', cell: (e) => fmt.clock(e.time) },
      {
        head: 'Component',
        cell: (e) => h('a', { href: links.component(topologyId, e.component) }, e.component),
      },
      { head: 'Task', numeric: true, cell: (e) => e.taskId },
      { head: 'Worker', cell: (e) => `${e.worker} (${e.host})` },
      { head: 'Error', cell: message },
    ],
    'No errors.',
    'errors',
  );
}

/** Newest first: the views list them newest last. */
export function newestFirst(errors: readonly ErrorEntry[]): ErrorEntry[] {
  return [...errors].reverse();
}
