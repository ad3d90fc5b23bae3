/**
 * What an operator does to a running topology in cluster mode, as changes of its record: kill,
 * activate, deactivate, rebalance. Shared by the CLI and the UI server; nimbus and the workers
 * act on the changed record. A change that cannot be made throws `ACTION_INVALID`.
 */
import { GaleError } from '../../api/errors.js';
import type { ClusterStore } from './cluster-store.js';
import type { TopologyRecord, TopologyStatus } from './records.js';

function invalid(message: string, topology: string): GaleError {
  return new GaleError('ACTION_INVALID', message, { details: { topology } });
}

/** Marks `name` killed: workers deactivate, drain for up to `waitSecs`, stop; nimbus removes it. */
export function killTopology(store: ClusterStore, name: string, waitSecs: number): Promise<TopologyRecord> {
  if (!Number.isFinite(waitSecs) || waitSecs < 0 || waitSecs > 86_400)
    return Promise.reject(invalid(`kill ${name}: wait ${waitSecs} s: expected 0 to 86400 seconds`, name));
  return store.updateTopology(name, (t) => ({
    ...t,
    status: 'killed',
    killWaitSecs: waitSecs,
    killedAt: t.killedAt ?? Date.now(),
  }));
}

/** Activates or deactivates `name`'s spouts. */
export function setTopologyStatus(
  store: ClusterStore,
  name: string,
  status: Exclude<TopologyStatus, 'killed'>,
): Promise<TopologyRecord> {
  return store.updateTopology(name, (t) => {
    if (t.status === 'killed') throw invalid(`${name} is being killed`, name);
    return { ...t, status };
  });
}

/** What a rebalance changes; either or both. */
export interface RebalanceRequest {
  readonly workers?: number;
  /** Executors per component (1 to its task count). */
  readonly executors?: ReadonlyMap<string, number>;
}

/** The tasks of one component split into `count` executors of contiguous ids, as evenly as possible. */
function regroup(
  component: string,
  taskIds: readonly number[],
  count: number,
): { component: string; taskIds: number[] }[] {
  const base = Math.floor(taskIds.length / count);
  const extra = taskIds.length % count;
  const out: { component: string; taskIds: number[] }[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const n = base + (i < extra ? 1 : 0);
    out.push({ component, taskIds: taskIds.slice(at, at + n) });
    at += n;
  }
  return out;
}

/**
 * Changes how many workers `name` runs on and how many executors a component's tasks are spread
 * over; nimbus then assigns it afresh. Workers whose tasks stay keep running.
 */
export function rebalanceTopology(
  store: ClusterStore,
  name: string,
  request: RebalanceRequest,
): Promise<TopologyRecord> {
  const { workers } = request;
  const wanted = request.executors ?? new Map<string, number>();
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 1024))
    return Promise.reject(invalid(`rebalance ${name}: workers ${workers}: expected 1 to 1024`, name));
  if (workers === undefined && wanted.size === 0)
    return Promise.reject(invalid(`rebalance ${name}: give workers and/or executors per component`, name));
  return store.updateTopology(name, (t) => {
    if (t.status === 'killed') throw invalid(`${name} is being killed`, name);
    const byComponent = new Map<string, number[]>();
    for (const e of t.executors)
      byComponent.set(e.component, [...(byComponent.get(e.component) ?? []), ...e.taskIds]);
    for (const [component, count] of wanted) {
      const tasks = byComponent.get(component);
      if (tasks === undefined)
        throw invalid(
          `executors ${component}: no such component (${[...byComponent.keys()].join(', ')})`,
          name,
        );
      if (!Number.isInteger(count) || count < 1 || count > tasks.length)
        throw invalid(`executors ${component}=${count}: expected 1 to ${tasks.length}, its task count`, name);
    }
    const executors = [...byComponent].flatMap(([component, tasks]) => {
      const count = wanted.get(component);
      if (count !== undefined)
        return regroup(
          component,
          tasks.sort((a, b) => a - b),
          count,
        );
      return t.executors.filter((e) => e.component === component);
    });
    return { ...t, workers: workers ?? t.workers, executors, rebalance: t.rebalance + 1 };
  });
}
