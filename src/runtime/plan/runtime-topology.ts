/**
 * The topology a worker runs: the user's components plus Gale's own (STYLE.md H8), built the same
 * way in every process from the user topology alone. With acking on, that is the `__acker` bolt:
 * every spout declares `__ack_init`, every bolt `__ack_ack`, `__ack_fail` and `__ack_reset`, all
 * fields-grouped on the root id into the ackers; the ackers answer each spout task on the direct
 * stream `__ack_result`, to which spouts are subscribed. System components get the highest task
 * ids (see `TaskPlan`), so user task ids do not depend on the acking settings.
 */
import type { TopologyConfig } from '../../api/config.js';
import { Fields } from '../../api/fields.js';
import type { GroupingSpec } from '../../api/grouping.js';
import type {
  BoltDefinition,
  ComponentDefinition,
  SpoutDefinition,
  StreamDeclaration,
  Subscription,
  Topology,
} from '../../api/topology.js';
import { AckerBolt } from '../acking/acker-bolt.js';
import {
  ACK_ACK_FIELDS,
  ACK_ACK_STREAM,
  ACK_FAIL_FIELDS,
  ACK_FAIL_STREAM,
  ACK_INIT_FIELDS,
  ACK_INIT_STREAM,
  ACK_RESET_FIELDS,
  ACK_RESET_STREAM,
  ACK_RESULT_FIELDS,
  ACK_RESULT_STREAM,
  ACKER_COMPONENT,
} from '../acking/system-streams.js';

/** A component as the runtime sees it: spouts may have (system) inputs too. */
export type RuntimeComponent = (SpoutDefinition | BoltDefinition) & {
  readonly inputs: readonly Subscription[];
  /** One of Gale's own components (`__`-prefixed id). */
  readonly system: boolean;
};

export interface RuntimeTopology {
  /** Every component, user ones first (in declaration order), then system ones. */
  readonly components: ReadonlyMap<string, RuntimeComponent>;
  readonly config: TopologyConfig;
  /** Number of acker tasks; 0 when tuple trees are not tracked. */
  readonly ackers: number;
}

/**
 * How many workers `topology` runs on: `workers`, but never more than it has executors of its own
 * (a worker with nothing but an acker would be pointless), nor fewer than one.
 */
export function workerCount(topology: Topology): number {
  let executors = 0;
  for (const c of topology.components.values()) executors += c.parallelism;
  return Math.max(1, Math.min(topology.config.workers, executors));
}

/** How many acker tasks `topology` gets: `ackers`, or one per worker when that is `null`. */
export function ackerCount(topology: Topology): number {
  return topology.config.ackers ?? workerCount(topology);
}

/**
 * How acking messages reach the ackers. Declared as a fields grouping on the root (which it is, in
 * effect); the routing table recognises this very object and routes with a `RootGrouper`.
 */
export const BY_ROOT: GroupingSpec = Object.freeze({ kind: 'fields', fields: new Fields(['root']) });
const DIRECT: GroupingSpec = Object.freeze({ kind: 'direct' });

function stream(id: string, names: readonly string[], direct = false): [string, StreamDeclaration] {
  return [id, Object.freeze({ id, fields: new Fields(names), direct })];
}

function withOutputs(
  c: ComponentDefinition,
  extra: readonly [string, StreamDeclaration][],
): ReadonlyMap<string, StreamDeclaration> {
  return extra.length === 0 ? c.outputs : new Map([...c.outputs, ...extra]);
}

/** Adds Gale's system components to `topology` (for `ackers: 0`, none). */
export function runtimeTopology(topology: Topology): RuntimeTopology {
  const ackers = ackerCount(topology);
  const components = new Map<string, RuntimeComponent>();
  const spoutOut = ackers > 0 ? [stream(ACK_INIT_STREAM, ACK_INIT_FIELDS)] : [];
  const boltOut =
    ackers > 0
      ? [
          stream(ACK_ACK_STREAM, ACK_ACK_FIELDS),
          stream(ACK_FAIL_STREAM, ACK_FAIL_FIELDS),
          stream(ACK_RESET_STREAM, ACK_RESET_FIELDS),
        ]
      : [];
  const ackerInputs: Subscription[] = [];
  for (const c of topology.components.values()) {
    if (c.kind === 'spout') {
      components.set(c.id, {
        ...c,
        outputs: withOutputs(c, spoutOut),
        inputs:
          ackers > 0 ? [{ component: ACKER_COMPONENT, stream: ACK_RESULT_STREAM, grouping: DIRECT }] : [],
        system: false,
      });
      if (ackers > 0) ackerInputs.push({ component: c.id, stream: ACK_INIT_STREAM, grouping: BY_ROOT });
    } else {
      components.set(c.id, { ...c, outputs: withOutputs(c, boltOut), system: false });
      if (ackers > 0) {
        for (const s of [ACK_ACK_STREAM, ACK_FAIL_STREAM, ACK_RESET_STREAM])
          ackerInputs.push({ component: c.id, stream: s, grouping: BY_ROOT });
      }
    }
  }
  if (ackers > 0) {
    components.set(ACKER_COMPONENT, {
      kind: 'bolt',
      id: ACKER_COMPONENT,
      parallelism: ackers,
      numTasks: ackers,
      // Ticks every message timeout expire roots that heard nothing for that long.
      config: Object.freeze({ tickTupleFreqSecs: topology.config.messageTimeoutSecs }),
      outputs: new Map([stream(ACK_RESULT_STREAM, ACK_RESULT_FIELDS, true)]),
      factory: () => new AckerBolt(),
      inputs: ackerInputs,
      system: true,
    });
  }
  return { components, config: topology.config, ackers };
}
