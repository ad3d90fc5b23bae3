import type { Fields } from '../../api/fields.js';
import type { GroupingContext, GroupingSpec } from '../../api/grouping.js';
import { assertNever } from '../../util/assert-never.js';
import { AllGrouper } from './all-grouper.js';
import { CustomGrouper } from './custom-grouper.js';
import { FieldsGrouper } from './fields-grouper.js';
import { GlobalGrouper } from './global-grouper.js';
import type { Grouper, GrouperTarget } from './grouper.js';
import { PartialKeyGrouper } from './partial-key-grouper.js';
import { RangeGrouper } from './range-grouper.js';
import { ShuffleGrouper } from './shuffle-grouper.js';

/** Where a grouper sits: the emitting task and stream, and the consuming component. */
export interface GrouperSite {
  readonly sourceComponent: string;
  readonly sourceStream: string;
  readonly sourceTask: number;
  readonly outputFields: Fields;
  readonly targetComponent: string;
}

function indicesOf(fields: Fields, key: Fields): number[] {
  return key.names.map((name) => {
    const i = fields.indexOf(name);
    if (i < 0) throw new Error(`field '${name}' is not in ${fields.toString()}`);
    return i;
  });
}

/**
 * Builds the grouper for one (emitting task, stream, consumer) triple. Returns `null` for a direct
 * grouping: the emitter names the task itself.
 */
export function createGrouper(spec: GroupingSpec, target: GrouperTarget, site: GrouperSite): Grouper | null {
  switch (spec.kind) {
    case 'shuffle':
    case 'none':
      return new ShuffleGrouper(target.tasks);
    case 'localOrShuffle':
      return new ShuffleGrouper(target.localTasks.length > 0 ? target.localTasks : target.tasks);
    case 'fields':
      return new FieldsGrouper(target.tasks, indicesOf(site.outputFields, spec.fields));
    case 'partialKey':
      return new PartialKeyGrouper(target.tasks, indicesOf(site.outputFields, spec.fields));
    case 'all':
      return new AllGrouper(target.tasks);
    case 'global':
      return new GlobalGrouper(target.tasks);
    case 'direct':
      return null;
    case 'range':
      return new RangeGrouper(target.tasks, site.outputFields.indexOf(spec.field), spec.boundaries, {
        component: site.sourceComponent,
        stream: site.sourceStream,
        field: spec.field,
      });
    case 'custom': {
      const grouping = spec.factory();
      const context: GroupingContext = {
        sourceComponent: site.sourceComponent,
        sourceStream: site.sourceStream,
        outputFields: site.outputFields,
        targetComponent: site.targetComponent,
        localTargetTasks: target.localTasks,
      };
      grouping.prepare(context, target.tasks);
      return new CustomGrouper(grouping, target.tasks, site.sourceTask, {
        component: site.sourceComponent,
        stream: site.sourceStream,
        target: site.targetComponent,
      });
    }
    default:
      return assertNever(spec, 'grouping');
  }
}
