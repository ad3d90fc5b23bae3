/**
 * The cluster's state, typed, over a `CoordinationStore` (etcd in a cluster):
 *
 * | key                              | value                                    | lives              |
 * | -------------------------------- | ---------------------------------------- | ------------------ |
 * | `topologies/<name>`              | `TopologyRecord`                         | until removed      |
 * | `bundles/<hash>/meta`, `/<i>`    | bundle size and chunks of at most 1 MiB  | until removed      |
 * | `assignments/<name>`             | `AssignmentRecord` (leader-fenced)       | until removed      |
 * | `supervisors/<id>`               | `SupervisorRecord`                       | supervisor's lease |
 * | `heartbeats/<topology>/<worker>` | `WorkerHeartbeat`                        | worker's lease     |
 * | election `nimbus`                | the leader's id                          | leader's lease     |
 *
 * Records read back are validated; one that is not valid is reported (`STORE_RECORD_INVALID`
 * from a `get`, `onInvalid` from a listing or watch) and never returned half-read.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { GaleError } from '../../api/errors.js';
import type { Closeable, CoordinationStore, LeaseHandle, Leadership } from './coordination-store.js';
import {
  assignmentRecordSchema,
  bundleMetaSchema,
  nimbusRecordSchema,
  supervisorRecordSchema,
  topologyRecordSchema,
  workerHeartbeatSchema,
  workerId,
  type AssignmentRecord,
  type NimbusRecord,
  type SupervisorRecord,
  type TopologyRecord,
  type WorkerHeartbeat,
  type WorkerHeartbeatInput,
} from './records.js';

/** Bytes per bundle chunk: under etcd's default request limit of 1.5 MiB. */
export const BUNDLE_CHUNK_BYTES = 1024 * 1024;
/** Default largest bundle accepted. */
export const DEFAULT_MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

/** A record with the revision it was read at, for a compare-and-swap. */
export interface Versioned<T> {
  readonly value: T;
  readonly revision: number;
}

/** A change of a watched kind of record. */
export type RecordEvent<T> =
  { readonly type: 'put'; readonly value: T } | { readonly type: 'delete'; readonly key: string };

export interface ClusterStoreOptions {
  /** Called for a record that fails validation in a listing or watch (it is skipped). */
  readonly onInvalid?: (key: string, problem: string) => void;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

export class ClusterStore {
  readonly #onInvalid: (key: string, problem: string) => void;

  constructor(
    readonly coordination: CoordinationStore,
    options: ClusterStoreOptions = {},
  ) {
    this.#onInvalid = options.onInvalid ?? (() => undefined);
  }

  // ---- bundles --------------------------------------------------------------------------------

  /** Stores `bytes` under their sha256 (once: an existing bundle is kept); returns the hash. */
  async putBundle(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BUNDLE_BYTES): Promise<string> {
    if (bytes.byteLength > maxBytes)
      throw new GaleError(
        'BUNDLE_TOO_LARGE',
        `topology bundle is ${bytes.byteLength} bytes, over the limit of ${maxBytes} bytes`,
      );
    const hash = createHash('sha256').update(bytes).digest('hex');
    if ((await this.coordination.get(`bundles/${hash}/meta`)) !== null) return hash;
    const chunks = Math.ceil(bytes.byteLength / BUNDLE_CHUNK_BYTES);
    for (let i = 0; i < chunks; i++) {
      const chunk = bytes.subarray(i * BUNDLE_CHUNK_BYTES, (i + 1) * BUNDLE_CHUNK_BYTES);
      await this.coordination.put(`bundles/${hash}/${i}`, Buffer.from(chunk));
    }
    // The meta record goes last: a bundle whose meta exists is complete.
    await this.coordination.put(`bundles/${hash}/meta`, json({ hash, size: bytes.byteLength, chunks }));
    return hash;
  }

  /** The bundle stored under `hash`, checked against it; `null` if there is none. */
  async getBundle(hash: string): Promise<Buffer | null> {
    const metaEntry = await this.coordination.get(`bundles/${hash}/meta`);
    if (metaEntry === null) return null;
    const meta = this.#parse(bundleMetaSchema, metaEntry.key, metaEntry.value);
    const parts: Buffer[] = [];
    for (let i = 0; i < meta.chunks; i++) {
      const part = await this.coordination.get(`bundles/${hash}/${i}`);
      if (part === null) {
        // Removed while being read (its topology was killed): gone, not corrupt.
        if ((await this.coordination.get(`bundles/${hash}/meta`)) === null) return null;
        throw invalid(`bundles/${hash}/${i}`, 'chunk missing');
      }
      parts.push(part.value);
    }
    const bytes = Buffer.concat(parts);
    if (bytes.byteLength !== meta.size || createHash('sha256').update(bytes).digest('hex') !== hash)
      throw invalid(`bundles/${hash}`, 'content does not match its hash');
    return bytes;
  }

  async removeBundle(hash: string, fence?: Leadership): Promise<void> {
    await this.coordination.deletePrefix(`bundles/${hash}/`, fence === undefined ? {} : { fence });
  }

  // ---- topologies -----------------------------------------------------------------------------

  /** Registers a topology; `TOPOLOGY_EXISTS` if one of that name is registered. */
  async createTopology(record: TopologyRecord): Promise<void> {
    const checked = topologyRecordSchema.parse(record);
    if (!(await this.coordination.compareAndPut(`topologies/${checked.name}`, json(checked), 0)))
      throw new GaleError('TOPOLOGY_EXISTS', `a topology named '${checked.name}' is already running`, {
        details: { topology: checked.name },
      });
  }

  async getTopology(name: string): Promise<Versioned<TopologyRecord> | null> {
    const e = await this.coordination.get(`topologies/${name}`);
    return e === null
      ? null
      : { value: this.#parse(topologyRecordSchema, e.key, e.value), revision: e.modRevision };
  }

  async listTopologies(): Promise<TopologyRecord[]> {
    return this.#list('topologies/', topologyRecordSchema);
  }

  /**
   * Changes a topology with `change` (read, change, compare-and-swap, again on a conflict);
   * `TOPOLOGY_NOT_FOUND` if there is none. Returns the record written.
   */
  async updateTopology(
    name: string,
    change: (current: TopologyRecord) => TopologyRecord,
    fence?: Leadership,
  ): Promise<TopologyRecord> {
    for (;;) {
      const current = await this.getTopology(name);
      if (current === null)
        throw new GaleError('TOPOLOGY_NOT_FOUND', `no topology named '${name}'`, {
          details: { topology: name },
        });
      const next = topologyRecordSchema.parse(change(current.value));
      const written = await this.coordination.compareAndPut(
        `topologies/${name}`,
        json(next),
        current.revision,
        fence === undefined ? {} : { fence },
      );
      if (written) return next;
    }
  }

  /** Removes a topology with its assignment and heartbeats. */
  async removeTopology(name: string, fence?: Leadership): Promise<void> {
    const options = fence === undefined ? {} : { fence };
    await this.coordination.delete(`assignments/${name}`, options);
    await this.coordination.delete(`topologies/${name}`, options);
    await this.coordination.deletePrefix(`heartbeats/${name}/`, options);
  }

  watchTopologies(onEvent: (event: RecordEvent<TopologyRecord>) => void): Promise<Closeable> {
    return this.#watch('topologies/', topologyRecordSchema, onEvent);
  }

  // ---- assignments ----------------------------------------------------------------------------

  async getAssignment(topology: string): Promise<Versioned<AssignmentRecord> | null> {
    const e = await this.coordination.get(`assignments/${topology}`);
    return e === null
      ? null
      : { value: this.#parse(assignmentRecordSchema, e.key, e.value), revision: e.modRevision };
  }

  async listAssignments(): Promise<AssignmentRecord[]> {
    return this.#list('assignments/', assignmentRecordSchema);
  }

  /**
   * Writes an assignment if the stored one is still at `expectedRevision` (0: none yet), and only
   * while `leader` leads. Returns whether it was written.
   */
  async setAssignment(
    assignment: AssignmentRecord,
    expectedRevision: number,
    leader: Leadership,
  ): Promise<boolean> {
    const checked = assignmentRecordSchema.parse(assignment);
    return this.coordination.compareAndPut(
      `assignments/${checked.topology}`,
      json(checked),
      expectedRevision,
      {
        fence: leader,
      },
    );
  }

  watchAssignments(onEvent: (event: RecordEvent<AssignmentRecord>) => void): Promise<Closeable> {
    return this.#watch('assignments/', assignmentRecordSchema, onEvent);
  }

  // ---- supervisors and heartbeats -------------------------------------------------------------

  /** Announces a supervisor under `lease`: the record vanishes when the lease does. */
  async putSupervisor(record: SupervisorRecord, lease: LeaseHandle): Promise<void> {
    const checked = supervisorRecordSchema.parse(record);
    await this.coordination.put(`supervisors/${checked.id}`, json(checked), { lease });
  }

  async listSupervisors(): Promise<SupervisorRecord[]> {
    return this.#list('supervisors/', supervisorRecordSchema);
  }

  watchSupervisors(onEvent: (event: RecordEvent<SupervisorRecord>) => void): Promise<Closeable> {
    return this.#watch('supervisors/', supervisorRecordSchema, onEvent);
  }

  /** A worker's heartbeat under its `lease`: it vanishes when the worker stops renewing. */
  async putHeartbeat(heartbeat: WorkerHeartbeatInput, lease: LeaseHandle): Promise<void> {
    const checked = workerHeartbeatSchema.parse(heartbeat);
    const key = `heartbeats/${checked.topology}/${workerId(checked.supervisor, checked.port)}`;
    await this.coordination.put(key, json(checked), { lease });
  }

  /** Heartbeats of one topology, or of all when `topology` is omitted. */
  async listHeartbeats(topology?: string): Promise<WorkerHeartbeat[]> {
    return this.#list(
      topology === undefined ? 'heartbeats/' : `heartbeats/${topology}/`,
      workerHeartbeatSchema,
    );
  }

  watchHeartbeats(onEvent: (event: RecordEvent<WorkerHeartbeat>) => void): Promise<Closeable> {
    return this.#watch('heartbeats/', workerHeartbeatSchema, onEvent);
  }

  // ---- leadership -----------------------------------------------------------------------------

  /** Registers a nimbus under `lease` (gone with it). */
  async putNimbus(record: NimbusRecord, lease: LeaseHandle): Promise<void> {
    const valid = nimbusRecordSchema.parse(record);
    await this.coordination.put(`nimbuses/${encodeURIComponent(valid.id)}`, json(valid), { lease });
  }

  /** The nimbus processes alive (leader and standbys). */
  listNimbuses(): Promise<NimbusRecord[]> {
    return this.#list('nimbuses/', nimbusRecordSchema);
  }

  /** Enters the nimbus election as `candidate`. */
  campaignForLeader(candidate: string, ttlSecs: number): Leadership {
    return this.coordination.campaign('nimbus', candidate, ttlSecs);
  }

  leader(): Promise<string | null> {
    return this.coordination.leader('nimbus');
  }

  // ---- helpers --------------------------------------------------------------------------------

  #parse<T>(schema: z.ZodType<T>, key: string, bytes: Buffer): T {
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw invalid(key, 'not JSON');
    }
    const result = schema.safeParse(raw);
    if (!result.success)
      throw invalid(key, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return result.data;
  }

  async #list<T>(prefix: string, schema: z.ZodType<T>): Promise<T[]> {
    const out: T[] = [];
    for (const e of await this.coordination.list(prefix)) {
      const value = this.#tryParse(schema, e.key, e.value);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  #tryParse<T>(schema: z.ZodType<T>, key: string, bytes: Buffer): T | undefined {
    try {
      return this.#parse(schema, key, bytes);
    } catch (err) {
      this.#onInvalid(key, err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }

  #watch<T>(
    prefix: string,
    schema: z.ZodType<T>,
    onEvent: (event: RecordEvent<T>) => void,
  ): Promise<Closeable> {
    return this.coordination.watchPrefix(prefix, (e) => {
      if (e.type === 'delete') {
        onEvent({ type: 'delete', key: e.key.slice(prefix.length) });
        return;
      }
      const value = this.#tryParse(schema, e.key, e.value);
      if (value !== undefined) onEvent({ type: 'put', value });
    });
  }
}

function invalid(key: string, problem: string): GaleError {
  return new GaleError('STORE_RECORD_INVALID', `cluster store record '${key}' is not valid: ${problem}`, {
    domain: 'external',
    details: { key },
  });
}
