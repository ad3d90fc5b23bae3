import type { Grouper } from './grouper.js';

/** All: every consumer task gets the tuple. */
export class AllGrouper implements Grouper {
  constructor(private readonly tasks: readonly number[]) {}

  choose(_values: readonly unknown[], out: number[], offset: number): number {
    const t = this.tasks;
    for (let i = 0; i < t.length; i++) out[offset + i] = t[i]!;
    return t.length;
  }
}
