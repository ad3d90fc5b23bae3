import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigValidationError, GaleError, TopologyValidationError } from '../api/index.js';
import { galeErrorCode, reportFailure } from './report-failure.js';
import { UsageError } from './usage-error.js';

describe('report-failure', () => {
  it('report-failure - a usage error is one line and exit 2', () => {
    assert.deepEqual(reportFailure(new UsageError('nope.ts: no such file')), {
      exitCode: 2,
      text: 'gale: nope.ts: no such file\n',
    });
  });

  it('report-failure - an invalid topology or config lists every problem, exit 2, no stack', () => {
    const topo = reportFailure(
      new TopologyValidationError([
        { path: 's.parallelism', message: 'must be >= 1' },
        { path: 'b.inputs', message: "unknown component 'x'" },
      ]),
    );
    assert.equal(topo.exitCode, 2);
    assert.equal(
      topo.text,
      "gale: invalid topology (2 problems):\n  s.parallelism: must be >= 1\n  b.inputs: unknown component 'x'\n",
    );
    const config = reportFailure(
      new ConfigValidationError([{ path: 'topology.workers', message: 'too big' }]),
    );
    assert.equal(config.exitCode, 2);
    assert.match(config.text, /^ {2}topology\.workers: too big$/m);
    assert.doesNotMatch(config.text, /\n\s+at /);
  });

  it('report-failure - a component that failed to start is exit 1 with its message', () => {
    const f = reportFailure(new GaleError('COMPONENT_FAILED', "'s' (task 1) failed to start: boom"));
    assert.deepEqual(f, { exitCode: 1, text: "gale: 's' (task 1) failed to start: boom\n" });
  });

  it('report-failure - recognises a Gale error from another copy of the api by its code', () => {
    class OtherCopyError extends Error {
      readonly code = 'TOPOLOGY_INVALID';
    }
    assert.equal(galeErrorCode(new OtherCopyError('x')), 'TOPOLOGY_INVALID');
    assert.equal(reportFailure(new OtherCopyError('invalid topology')).exitCode, 2);
    const errno = Object.assign(new Error('ENOENT: gone'), { code: 'ENOENT' });
    assert.equal(galeErrorCode(errno), undefined);
    assert.equal(galeErrorCode({ code: 'TOPOLOGY_INVALID' }), undefined);
  });

  it('report-failure - anything else is an internal error with its stack, exit 1', () => {
    const err = new TypeError('x is undefined');
    const f = reportFailure(err);
    assert.equal(f.exitCode, 1);
    assert.ok(f.text.startsWith('gale: internal error: TypeError: x is undefined\n    at '), f.text);
    assert.deepEqual(reportFailure('a string'), { exitCode: 1, text: 'gale: internal error: a string\n' });
  });
});
