/**
 * A live view over server-sent events: one JSON `data:` per second under a named event, and
 * `gone` (an ErrorBody) when what it watches disappears. The browser's EventSource retries a
 * dropped stream by itself; a stream it gave up on (an error answer) is reopened here after a
 * pause, so a restarted server is picked up without a page reload.
 */
import { toApiError, type ApiError } from './api.js';

/** `connecting` until the first event, `live` while events arrive, `reconnecting` after a drop. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'gone';

export interface LiveOptions<T> {
  readonly url: string;
  /** The event name the data comes under (`cluster`, `topology`, `component`). */
  readonly event: string;
  readonly onData: (data: T) => void;
  readonly onState: (state: LiveState) => void;
  /** What the stream watched is gone (a killed topology); the stream is closed. */
  readonly onGone: (error: ApiError) => void;
}

export interface Live {
  close(): void;
}

const REOPEN_MS = 2000;

export function subscribe<T>(options: LiveOptions<T>): Live {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const open = (): void => {
    const es = new EventSource(options.url);
    source = es;
    es.addEventListener(options.event, (e: MessageEvent<string>) => {
      // The server's data is the view's JSON (src/metrics/views.ts).
      const data = JSON.parse(e.data) as T;
      options.onState('live');
      options.onData(data);
    });
    es.addEventListener('gone', (e: MessageEvent<string>) => {
      es.close();
      closed = true;
      options.onState('gone');
      options.onGone(toApiError(404, JSON.parse(e.data)));
    });
    es.addEventListener('error', () => {
      if (closed) return;
      options.onState('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        timer = setTimeout(open, REOPEN_MS);
      }
    });
  };

  options.onState('connecting');
  open();
  return {
    close(): void {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}
