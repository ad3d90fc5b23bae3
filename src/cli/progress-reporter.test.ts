import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { componentSummary } from '../../test/helpers/component-summary.js';
import type { ComponentSummary } from '../runtime/index.js';
import { CLEAR_LINE, ProgressReporter } from './progress-reporter.js';

function summary(component: string, emitted: number, executed: number): ComponentSummary {
  return componentSummary(component, { emitted, executed });
}

/** A topology whose counters the test sets, and the reporter's output. */
function setup(tty: boolean) {
  const clock = new ManualClock(1000);
  const out: string[] = [];
  let counters: ComponentSummary[] | undefined = [summary('words', 0, 0), summary('sink', 0, 0)];
  const reporter = new ProgressReporter({
    sample: () => counters,
    spouts: new Set(['words']),
    write: (text) => out.push(text),
    tty,
    clock,
  });
  return {
    clock,
    out,
    reporter,
    set: (next: ComponentSummary[] | undefined) => {
      counters = next;
    },
  };
}

describe('progress-reporter', () => {
  it('progress-reporter - on a terminal, redraws the line in place every second with the rates since the last one', () => {
    const { clock, out, reporter, set } = setup(true);
    reporter.start();
    clock.advance(999);
    assert.deepEqual(out, []);
    set([summary('words', 2000, 0), summary('sink', 0, 1500)]);
    clock.advance(1);
    set([summary('words', 2500, 0), summary('sink', 0, 2500)]);
    clock.advance(1000);
    assert.deepEqual(out, [
      `${CLEAR_LINE}[1s] words 2.0k/s  sink 1.5k/s`,
      `${CLEAR_LINE}[2s] words 500/s  sink 1.0k/s`,
    ]);
    reporter.stop();
    assert.equal(out.at(-1), CLEAR_LINE);
    clock.advance(5000);
    assert.equal(out.length, 3);
  });

  it('progress-reporter - elsewhere, appends a plain line every five seconds with the rate over those seconds', () => {
    const { clock, out, reporter, set } = setup(false);
    reporter.start();
    set([summary('words', 1000, 0), summary('sink', 0, 500)]);
    clock.advance(4999);
    assert.deepEqual(out, []);
    clock.advance(1);
    assert.deepEqual(out, ['[5s] words 200/s  sink 100/s\n']);
    reporter.stop();
    assert.equal(out.length, 1, 'no line to erase when nothing was drawn in place');
  });

  it('progress-reporter - skips a refresh once the topology is gone', () => {
    const { clock, out, reporter, set } = setup(true);
    reporter.start();
    set(undefined);
    clock.advance(3000);
    assert.deepEqual(out, []);
    reporter.stop();
    assert.deepEqual(out, []);
  });
});
