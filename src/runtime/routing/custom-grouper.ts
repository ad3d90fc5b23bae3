import { GaleError } from '../../api/errors.js';
import type { CustomStreamGrouping } from '../../api/grouping.js';
import type { Grouper } from './grouper.js';

/** Adapts a user's {@link CustomStreamGrouping}; rejects task ids outside the consumer's tasks. */
export class CustomGrouper implements Grouper {
  readonly #valid: ReadonlySet<number>;

  constructor(
    private readonly grouping: CustomStreamGrouping,
    tasks: readonly number[],
    private readonly sourceTask: number,
    private readonly where: { readonly component: string; readonly stream: string; readonly target: string },
  ) {
    this.#valid = new Set(tasks);
  }

  choose(values: readonly unknown[], out: number[], offset: number): number {
    const chosen = this.grouping.chooseTasks(this.sourceTask, values);
    for (let i = 0; i < chosen.length; i++) {
      const t = chosen[i]!;
      if (!this.#valid.has(t)) {
        const { component, stream, target } = this.where;
        throw new GaleError(
          'INVALID_DIRECT_TASK',
          `custom grouping of '${component}.${stream}' -> '${target}' chose task ${String(t)}, which is not a task of '${target}' (${[...this.#valid].join(', ')})`,
          { details: { component, stream, taskId: t } },
        );
      }
      out[offset + i] = t;
    }
    return chosen.length;
  }
}
