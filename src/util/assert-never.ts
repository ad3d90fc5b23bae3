/** Marks the end of an exhaustive `switch` over a closed union (STYLE.md H7). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
