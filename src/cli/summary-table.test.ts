import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentSummary } from '../../test/helpers/component-summary.js';
import type { ErrorRecord } from '../runtime/index.js';
import { errorLines, summaryTable } from './summary-table.js';

const summary = componentSummary;

describe('summary-table', () => {
  it('summary-table - one aligned row per component with its totals and mean rate', () => {
    const table = summaryTable(
      [
        summary('sentences', {
          emitted: 20_000,
          acked: 19_990,
          failed: 3,
          completeLatency: { count: 19_990, meanMs: 3, p50Ms: 2.5, p99Ms: 14.2, p999Ms: 30, maxMs: 41 },
        }),
        summary('split', {
          tasks: 2,
          emitted: 120_000,
          executed: 20_000,
          acked: 19_997,
          failed: 3,
          errors: 1,
        }),
      ],
      4000,
      new Set(['sentences']),
    );
    assert.equal(
      table,
      [
        'component  tasks  emitted  executed  acked  failed  errors  mean rate  complete p50/p99',
        'sentences      1    20000         0  19990       3       0     5.0k/s         2.5/14 ms',
        'split          2   120000     20000  19997       3       1     5.0k/s',
      ].join('\n'),
    );
  });

  it('summary-table - a zero-length run shows a rate of 0', () => {
    const table = summaryTable([summary('s', { emitted: 5 })], 0, new Set(['s']));
    assert.match(table, /^s +1 +5 +0 +0 +0 +0 +0\/s$/m);
  });

  it('summary-table - no errors, no lines', () => {
    assert.deepEqual(errorLines([]), []);
  });

  it('summary-table - error lines keep the latest, one line each, with the tuple', () => {
    const errors: ErrorRecord[] = [1, 2, 3].map((i) => ({
      component: 'count',
      taskId: i,
      time: Date.UTC(2024, 0, 1, 0, 0, i),
      message: `boom ${i}\n  more`,
      ...(i === 3 ? { tuple: '["x"]' } : {}),
    }));
    assert.deepEqual(errorLines(errors, 2), [
      '  (1 earlier not shown)',
      '  2024-01-01T00:00:02.000Z count[task 2] boom 2 more',
      '  2024-01-01T00:00:03.000Z count[task 3] boom 3 more (tuple ["x"])',
    ]);
  });
});
