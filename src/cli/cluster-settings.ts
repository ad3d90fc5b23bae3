/**
 * Settings of the cluster commands (`nimbus`, `supervisor`, `submit`, `list`, `kill`, ...), from
 * three places, later ones winning: a JSON file (`--cluster-config`), the environment
 * (`GALE_ETCD_ENDPOINTS`, `GALE_PREFIX`, `GALE_TTL_SECS`), and flags. Validated once, with every
 * problem named by its key.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from './usage-error.js';

const endpoint = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, 'an etcd client URL such as http://127.0.0.1:2379');

export const clusterSettingsSchema = z
  .object({
    /** etcd client URLs. */
    etcd: z.array(endpoint).min(1).default(['http://127.0.0.1:2379']),
    /** Prefix of the cluster's keys in etcd: several clusters can share one etcd. */
    prefix: z
      .string()
      .regex(/^\/[A-Za-z0-9._/-]*\/$/, 'a key prefix that starts and ends with "/"')
      .default('/gale/'),
    /** TTL of leases (supervisors, worker heartbeats, nimbus leadership), seconds. */
    ttlSecs: z.number().int().min(1).max(300).default(2),
  })
  .strict();
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

/** What the flags say (each optional). */
export interface ClusterFlags {
  readonly etcd?: string;
  readonly prefix?: string;
  readonly ttl?: string;
  readonly clusterConfig?: string;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function fromFile(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--cluster-config ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError(`--cluster-config ${file}: expected a JSON object`);
  return raw as Record<string, unknown>;
}

/** The settings, or a `UsageError` naming every bad key and where it came from. */
export function clusterSettings(flags: ClusterFlags, env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const merged: Record<string, unknown> =
    flags.clusterConfig === undefined ? {} : fromFile(flags.clusterConfig);
  const sources: Record<string, string> = {};
  for (const key of Object.keys(merged)) sources[key] = `--cluster-config ${flags.clusterConfig}`;
  const set = (key: string, value: unknown, source: string): void => {
    merged[key] = value;
    sources[key] = source;
  };
  if (env['GALE_ETCD_ENDPOINTS'] !== undefined)
    set('etcd', list(env['GALE_ETCD_ENDPOINTS']), 'GALE_ETCD_ENDPOINTS');
  if (env['GALE_PREFIX'] !== undefined) set('prefix', env['GALE_PREFIX'], 'GALE_PREFIX');
  if (env['GALE_TTL_SECS'] !== undefined) set('ttlSecs', Number(env['GALE_TTL_SECS']), 'GALE_TTL_SECS');
  if (flags.etcd !== undefined) set('etcd', list(flags.etcd), '--etcd');
  if (flags.prefix !== undefined) set('prefix', flags.prefix, '--prefix');
  if (flags.ttl !== undefined) set('ttlSecs', Number(flags.ttl), '--ttl');
  const parsed = clusterSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      const top = String(i.path[0] ?? '');
      return `${key || '(settings)'}${sources[top] === undefined ? '' : ` (from ${sources[top]})`}: ${i.message}`;
    });
    throw new UsageError(`invalid cluster settings: ${problems.join('; ')}`);
  }
  return parsed.data;
}
