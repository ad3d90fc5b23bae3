/**
 * A topology with settings laid over its own config (submit-time overrides, `--config`, a worker's
 * assignment), validated together: a `ConfigValidationError` lists every problem.
 */
import { parseTopologyConfig, type TopologyConfigInput } from '../../api/config.js';
import { brandTopology, type Topology } from '../../api/topology.js';

export function withConfig(
  topology: Topology,
  overrides: TopologyConfigInput | Record<string, unknown>,
): Topology {
  return brandTopology(topology.components, parseTopologyConfig({ ...topology.config, ...overrides }));
}
