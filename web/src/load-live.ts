/**
 * A page's data: one fetch first (a quick first paint, and a missing topology or component is
 * told at once rather than retried forever), then the live stream, with its state shown in the
 * header's indicator.
 */
import { ApiError } from './api.js';
import type { ConnectionBadge } from './connection-badge.js';
import { subscribe, type Live } from './live.js';

export interface LoadLiveOptions<T> {
  readonly fetch: () => Promise<T>;
  /** The stream's URL and event name. */
  readonly url: string;
  readonly event: string;
  readonly connection: ConnectionBadge;
  readonly onData: (data: T) => void;
  /** It is not there (404), or went away while shown; `message` is the server's. */
  readonly onGone: (message: string) => void;
}

export function loadLive<T>(options: LoadLiveOptions<T>): Live {
  let live: Live | null = null;
  let closed = false;
  const listen = (): void => {
    live = subscribe<T>({
      url: options.url,
      event: options.event,
      onState: (state) => options.connection.set(state),
      onData: options.onData,
      onGone: (err) => options.onGone(err.message),
    });
  };
  options.fetch().then(
    (data) => {
      if (closed) return;
      options.onData(data);
      listen();
    },
    (err: unknown) => {
      if (closed) return;
      if (err instanceof ApiError && err.status === 404) {
        options.connection.set('gone');
        options.onGone(err.message);
      } else listen(); // unreachable for now: the stream keeps trying
    },
  );
  return {
    close(): void {
      closed = true;
      live?.close();
    },
  };
}
