/**
 * Reading JSON-lines output in tests (logs, `gale logs`): each non-empty line as a plain object,
 * failing the test on a line that is not one.
 */
import assert from 'node:assert/strict';

export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const v: unknown = JSON.parse(l);
      assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `not a JSON object: ${l}`);
      return { ...v };
    });
}
