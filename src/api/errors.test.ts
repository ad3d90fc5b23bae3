import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { ConfigValidationError, FailedTupleError, GaleError, TopologyValidationError } from './errors.js';

/** An error made by "another copy" of Gale: same brand and name, different classes. */
function foreign(name: string, code: string): Error {
  const e = new Error('from another copy');
  e.name = name;
  Object.defineProperty(e, Symbol.for('gale.error'), { value: true });
  Object.assign(e, { code });
  return e;
}

describe('errors', () => {
  it('errors - instanceof follows the class hierarchy within one copy', () => {
    const f = new FailedTupleError('no');
    assert.ok(f instanceof FailedTupleError && f instanceof GaleError && f instanceof Error);
    assert.ok(!(f instanceof TopologyValidationError));
    assert.ok(!(new GaleError('TUPLE_FAILED', 'x') instanceof FailedTupleError));
    assert.equal(f.code, 'TUPLE_FAILED');
  });

  it('errors - instanceof recognises errors of another copy of Gale by brand and name', () => {
    const f = foreign('FailedTupleError', 'TUPLE_FAILED');
    assert.ok(f instanceof FailedTupleError);
    assert.ok(f instanceof GaleError);
    assert.ok(!(f instanceof ConfigValidationError));
    // Not branded: a look-alike is not a Gale error.
    const plain = new Error('x');
    plain.name = 'FailedTupleError';
    assert.ok(!(plain instanceof FailedTupleError));
    assert.ok(!(plain instanceof GaleError));
    // An error from another realm with the brand still matches.
    const other = vm.runInNewContext(
      "const e = new Error('r'); e.name = 'GaleError'; Object.defineProperty(e, Symbol.for('gale.error'), { value: true }); e",
    ) as unknown;
    assert.ok(!(other instanceof GaleError), 'an Error of another realm is not an Error of this one');
  });

  it('errors - toJSON carries code, message and details', () => {
    const e = new GaleError('UNKNOWN_STREAM', 'nope', { details: { component: 'c', stream: 's' } });
    assert.deepEqual(JSON.parse(JSON.stringify(e)), {
      code: 'UNKNOWN_STREAM',
      message: 'nope',
      details: { component: 'c', stream: 's' },
    });
  });
});
