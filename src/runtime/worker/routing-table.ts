/**
 * Builds the routes of one emitting task: for each stream it declares, a grouper per subscribed
 * bolt. Computed once when the task starts; emits only read it.
 */
import type { Subscription } from '../../api/topology.js';
import type { Route } from '../collector/route.js';
import { RootGrouper } from '../acking/root-grouper.js';
import { BY_ROOT, type RuntimeComponent, type RuntimeTopology } from '../plan/runtime-topology.js';
import type { TaskPlan } from '../plan/task-plan.js';
import { createGrouper } from '../routing/create-grouper.js';
import type { Grouper } from '../routing/grouper.js';
import { StreamSchema } from '../tuple/stream-schema.js';

interface Consumer {
  readonly bolt: RuntimeComponent;
  readonly subscription: Subscription;
}

export class RoutingTable {
  readonly #consumers = new Map<string, Consumer[]>();
  readonly #schemas = new Map<string, StreamSchema>();

  constructor(
    private readonly topology: RuntimeTopology,
    private readonly plan: TaskPlan,
    private readonly localTasks: ReadonlySet<number>,
  ) {
    for (const c of topology.components.values()) {
      for (const [stream, decl] of c.outputs) {
        this.#schemas.set(key(c.id, stream), new StreamSchema(c.id, stream, decl.fields, decl.direct));
      }
      for (const s of c.inputs) {
        const k = key(s.component, s.stream);
        const list = this.#consumers.get(k) ?? [];
        list.push({ bolt: c, subscription: s });
        this.#consumers.set(k, list);
      }
    }
  }

  /** The schema of `component`'s stream `stream`, if declared. */
  schema(component: string, stream: string): StreamSchema | undefined {
    return this.#schemas.get(key(component, stream));
  }

  /** The routes of task `taskId` of `component`, one per declared stream. */
  routesFor(component: string, taskId: number): Map<string, Route> {
    const routes = new Map<string, Route>();
    const def = this.topology.components.get(component);
    if (def === undefined) return routes;
    for (const [stream, decl] of def.outputs) {
      const schema = this.#schemas.get(key(component, stream))!;
      const groupers: Grouper[] = [];
      const directTasks = new Set<number>();
      const grouped: string[] = [];
      const direct: string[] = [];
      const directTarget = new Map<number, number>();
      let maxFanOut = 0;
      for (const { bolt, subscription } of this.#consumers.get(key(component, stream)) ?? []) {
        const tasks = this.plan.tasksOf(bolt.id);
        const localTasks = tasks.filter((t) => this.localTasks.has(t));
        const grouper =
          subscription.grouping === BY_ROOT
            ? new RootGrouper(tasks)
            : createGrouper(
                subscription.grouping,
                { tasks, localTasks },
                {
                  sourceComponent: component,
                  sourceStream: stream,
                  sourceTask: taskId,
                  outputFields: decl.fields,
                  targetComponent: bolt.id,
                },
              );
        if (grouper === null) {
          for (const t of tasks) {
            directTasks.add(t);
            directTarget.set(t, direct.length);
          }
          direct.push(bolt.id);
        } else {
          groupers.push(grouper);
          grouped.push(bolt.id);
        }
        maxFanOut += tasks.length;
      }
      routes.set(stream, {
        schema,
        arity: decl.fields.size,
        groupers,
        directTasks,
        maxFanOut: Math.max(1, maxFanOut),
        targets: [...grouped, ...direct],
        delivered: new Float64Array(grouped.length + direct.length),
        directTarget: new Map([...directTarget].map(([t, i]) => [t, grouped.length + i])),
      });
    }
    return routes;
  }
}

function key(component: string, stream: string): string {
  return `${component}\u0000${stream}`;
}
