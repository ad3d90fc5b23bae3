/**
 * The shape of a topology as the UI draws it: its user components (system ones left out), their
 * kind, task count and inputs. Local mode takes it from the topology; cluster mode stores it with
 * the topology record at submit.
 */
import type { Topology } from '../api/index.js';

export interface GraphInput {
  readonly component: string;
  readonly stream: string;
  /** The grouping kind: shuffle, fields, all, ... */
  readonly grouping: string;
  /** The grouping fields (fields and partial key groupings). */
  readonly fields?: readonly string[];
}

export interface GraphComponent {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  readonly parallelism: number;
  readonly tasks: number;
  readonly inputs: readonly GraphInput[];
  readonly streams: readonly string[];
}

export interface TopologyGraph {
  readonly components: readonly GraphComponent[];
}

/** The graph of `topology`, components in declaration order. */
export function graphOf(topology: Topology): TopologyGraph {
  const components: GraphComponent[] = [];
  for (const c of topology.components.values()) {
    if (c.id.startsWith('__')) continue;
    components.push({
      id: c.id,
      kind: c.kind,
      parallelism: c.parallelism,
      tasks: c.numTasks,
      streams: [...c.outputs.keys()].filter((s) => !s.startsWith('__')),
      inputs:
        c.kind === 'bolt'
          ? c.inputs
              .filter((i) => !i.stream.startsWith('__'))
              .map((i) => ({
                component: i.component,
                stream: i.stream,
                grouping: i.grouping.kind,
                ...(i.grouping.kind === 'fields' || i.grouping.kind === 'partialKey'
                  ? { fields: [...i.grouping.fields.names] }
                  : i.grouping.kind === 'range'
                    ? { fields: [i.grouping.field] }
                    : {}),
              }))
          : [],
    });
  }
  return { components };
}
