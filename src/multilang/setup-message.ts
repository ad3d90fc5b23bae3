/**
 * The first message a shell component's subprocess reads: `{pidDir, conf, context}`, with the
 * context in the shape of Storm's `TopologyContext.toJSONString()` (its keys `task-\>component`,
 * `taskid`, `componentid`, `streams`, `stream-\>outputfields`, `stream-\>target-\>grouping`,
 * `source-\>stream-\>grouping`, `source-\>stream-\>fields`), so that Storm's own libraries find
 * what they look for.
 */
import type { GroupingSpec } from '../api/grouping.js';
import type { TopologyContext } from '../api/topology-context.js';
import { TopologyContextImpl } from '../runtime/index.js';

type StormGrouping = { type: string; fields?: string[] };

/** A Gale grouping as Storm names it (its Thrift union's field). */
export function stormGrouping(g: GroupingSpec): StormGrouping {
  switch (g.kind) {
    case 'shuffle':
      return { type: 'SHUFFLE' };
    case 'fields':
      return { type: 'FIELDS', fields: [...g.fields.names] };
    case 'global':
      // Storm's global grouping is a fields grouping on no fields.
      return { type: 'FIELDS', fields: [] };
    case 'all':
      return { type: 'ALL' };
    case 'none':
      return { type: 'NONE' };
    case 'direct':
      return { type: 'DIRECT' };
    case 'localOrShuffle':
      return { type: 'LOCAL_OR_SHUFFLE' };
    case 'partialKey':
    case 'range':
    case 'custom':
      return { type: 'CUSTOM_OBJECT' };
  }
}

/** The `context` of the setup message for the task of `context`. */
export function stormContext(context: TopologyContext): Record<string, unknown> {
  const taskToComponent: Record<string, string> = {};
  const streamFields: Record<string, string[]> = {};
  const targets: Record<string, Record<string, StormGrouping>> = {};
  const sources: Record<string, Record<string, StormGrouping>> = {};
  const sourceFields: Record<string, Record<string, string[]>> = {};
  if (context instanceof TopologyContextImpl) {
    const plan = context.plan;
    for (const [task, component] of plan.taskComponent) taskToComponent[String(task)] = component;
    const components = plan.topology.components;
    const me = components.get(context.thisComponentId);
    for (const [stream, decl] of me?.outputs ?? []) streamFields[stream] = [...decl.fields.names];
    for (const c of components.values()) {
      if (c.kind !== 'bolt') continue;
      for (const input of c.inputs) {
        if (input.component === context.thisComponentId) {
          (targets[input.stream] ??= {})[c.id] = stormGrouping(input.grouping);
        }
        if (c.id === context.thisComponentId) {
          (sources[input.component] ??= {})[input.stream] = stormGrouping(input.grouping);
          const source = components.get(input.component);
          // Every stream of each source, not only the subscribed ones (as Storm does).
          const fields = (sourceFields[input.component] ??= {});
          for (const [stream, decl] of source?.outputs ?? []) fields[stream] = [...decl.fields.names];
        }
      }
    }
  } else {
    for (const id of context.componentIds)
      for (const t of context.getComponentTasks(id)) taskToComponent[String(t)] = id;
    for (const s of context.getThisStreams())
      streamFields[s] = [...(context.getOutputFields(context.thisComponentId, s)?.names ?? [])];
  }
  return {
    'task->component': taskToComponent,
    taskid: context.thisTaskId,
    componentid: context.thisComponentId,
    streams: Object.keys(streamFields),
    'stream->outputfields': streamFields,
    'stream->target->grouping': targets,
    'source->stream->grouping': sources,
    'source->stream->fields': sourceFields,
  };
}

/** The whole setup message. `conf` is the component's effective config, as plain JSON. */
export function setupMessage(context: TopologyContext, pidDir: string): Record<string, unknown> {
  const config = context.config;
  // Gale's settings as they are, the user's own keys at the top level (where scripts written for
  // Storm look for them), and the Storm names of the settings a subprocess may care about.
  const conf: Record<string, unknown> = {
    ...(JSON.parse(JSON.stringify(config)) as Record<string, unknown>),
    ...(JSON.parse(JSON.stringify(config.user)) as Record<string, unknown>),
    'topology.name': context.topologyName,
    'topology.message.timeout.secs': config.messageTimeoutSecs,
    'topology.subprocess.timeout.secs': config.subprocessTimeoutSecs,
    'topology.shellbolt.max.pending': config.shellBoltMaxPending,
    'topology.tick.tuple.freq.secs': config.tickTupleFreqSecs,
  };
  return { pidDir, conf, context: stormContext(context) };
}
