/**
 * Opens the cluster store the settings name and checks that etcd answers. A command fails at once
 * with one line naming the endpoints; a daemon (`retry`) says so once and keeps trying every 2 s
 * rather than crashing, so it can be started before etcd.
 */
import { GaleError } from '../api/errors.js';
import { ClusterStore } from '../cluster/store/cluster-store.js';
import { EtcdCoordinationStore } from '../cluster/store/etcd-coordination-store.js';
import type { ClusterSettings } from './cluster-settings.js';

export interface ConnectOptions {
  /** Keep trying (daemons) instead of failing. */
  readonly retry: boolean;
  /** Where the one-line notices go. */
  readonly notice: (line: string) => void;
  readonly onInvalid?: (key: string, problem: string) => void;
}

export async function connectStore(
  settings: ClusterSettings,
  options: ConnectOptions,
): Promise<ClusterStore> {
  const coordination = new EtcdCoordinationStore({ endpoints: settings.etcd, prefix: settings.prefix });
  let told = false;
  for (;;) {
    try {
      await coordination.get('ping');
      if (told) options.notice(`etcd at ${settings.etcd.join(', ')} answers`);
      return new ClusterStore(
        coordination,
        options.onInvalid === undefined ? {} : { onInvalid: options.onInvalid },
      );
    } catch (err) {
      const reason =
        err instanceof GaleError ? err.message : `etcd at ${settings.etcd.join(', ')}: ${String(err)}`;
      if (!options.retry) {
        await coordination.close();
        throw new GaleError('STORE_UNAVAILABLE', `cannot reach the cluster store: ${reason}`, {
          domain: 'external',
        });
      }
      if (!told) options.notice(`cannot reach etcd at ${settings.etcd.join(', ')}; retrying every 2 s`);
      told = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
