/**
 * The REST API (docs/rest-api.md) as typed calls. Every error answer is an ErrorBody; its message
 * is what the UI shows, so a failed action says what the server said.
 */
import type {
  ClusterSummaryView,
  ComponentDetailView,
  ErrorBody,
  NimbusView,
  SupervisorView,
  TopologyDetailView,
  TopologyStatusName,
  TopologySummaryView,
} from '../../src/metrics/views.js';

const BASE = '/api/v1';

/** A request the server refused or could not answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = value.error;
  return typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string';
}

/** The ApiError an ErrorBody (or anything else the server sent) stands for. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(body.error.status, body.error.code, body.error.message);
  return new ApiError(status, 'HTTP_ERROR', `the server answered ${status}`);
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    // Every POST carries a JSON body (`{}` when the action takes none): the server asks for one.
    res = await fetch(BASE + path, {
      method,
      ...(method === 'POST'
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }
        : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'UNREACHABLE', `the server did not answer (${String(err)})`);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  if (!res.ok) throw toApiError(res.status, parsed);
  // The server's answers are the views' JSON (src/metrics/views.ts); they are trusted as typed.
  return parsed as T;
}

const enc = encodeURIComponent;

/** The path of a topology's endpoints. */
export function topologyPath(id: string): string {
  return `/topology/${enc(id)}`;
}

export interface ActionResult {
  readonly topology: string;
  readonly status: TopologyStatusName;
}

export interface RebalanceRequest {
  readonly workers?: number;
  readonly executors?: Readonly<Record<string, number>>;
}

export const api = {
  cluster: () => request<ClusterSummaryView>('GET', '/cluster/summary'),
  supervisors: () => request<{ supervisors: SupervisorView[] }>('GET', '/supervisor/summary'),
  nimbuses: () => request<{ nimbuses: NimbusView[] }>('GET', '/nimbus/summary'),
  topologies: () => request<{ topologies: TopologySummaryView[] }>('GET', '/topology/summary'),
  topology: (id: string) => request<TopologyDetailView>('GET', topologyPath(id)),
  component: (id: string, component: string) =>
    request<ComponentDetailView>('GET', `${topologyPath(id)}/component/${enc(component)}`),
  activate: (id: string) => request<ActionResult>('POST', `${topologyPath(id)}/activate`),
  deactivate: (id: string) => request<ActionResult>('POST', `${topologyPath(id)}/deactivate`),
  rebalance: (id: string, body: RebalanceRequest) =>
    request<ActionResult>('POST', `${topologyPath(id)}/rebalance`, body),
  kill: (id: string, waitSecs: number) =>
    request<ActionResult>('POST', `${topologyPath(id)}/kill`, { waitSecs }),
};

/** The server-sent event streams (src/ui): one `data:` JSON per second. */
export const streams = {
  cluster: () => `${BASE}/events/cluster`,
  topology: (id: string) => `${BASE}/events${topologyPath(id)}`,
  component: (id: string, component: string) =>
    `${BASE}/events${topologyPath(id)}/component/${enc(component)}`,
};
