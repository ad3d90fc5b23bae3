/**
 * Reads `--config`: a JSON object of topology settings that override the topology's own. It is
 * validated here, before the topology module loads, so a typo in a key fails fast with the key
 * path; the cluster validates the merged config again on submit.
 */
import { readFileSync } from 'node:fs';
import {
  checkTopologyConfig,
  ConfigValidationError,
  type TopologyConfig,
  type TopologyConfigInput,
} from '../api/index.js';
import { UsageError } from './usage-error.js';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The entries of `from` whose keys `raw` has: the user's settings, parsed, without the defaults. */
function ownKeys<T extends object>(from: T, raw: object): Partial<T> {
  const out: Partial<T> = {};
  for (const key in from) if (Object.hasOwn(raw, key)) out[key] = from[key];
  return out;
}

/**
 * @throws UsageError when the file cannot be read or is not a JSON object;
 * ConfigValidationError listing every bad key.
 */
export function readConfigFile(file: string): TopologyConfigInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--config ${file}: cannot read it: ${message(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--config ${file}: not valid JSON: ${message(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`--config ${file}: expected a JSON object of topology settings`);
  }
  const checked = checkTopologyConfig(raw);
  if (checked.config === undefined) throw new ConfigValidationError(checked.problems, `--config ${file}`);
  const override: Partial<TopologyConfig> = ownKeys(checked.config, raw);
  return override;
}
