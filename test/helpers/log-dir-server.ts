/**
 * A supervisor's log server over a temporary directory of worker log files, for tests of the
 * server and of its clients. `close()` stops the server and removes the directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogServer } from '../../src/cluster/supervisor/log-server.js';
import { silentLogger } from '../../src/runtime/index.js';

export interface LogDirServer {
  readonly dir: string;
  readonly server: LogServer;
  readonly url: string;
  close(): Promise<void>;
}

/** Writes `files` (name to content) into a new directory and serves it as supervisor `s1`. */
export async function startLogDirServer(
  files: Readonly<Record<string, string>>,
  options: { readonly maxFollowers?: number } = {},
): Promise<LogDirServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gale-log-server-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const server = new LogServer({
    dir,
    host: '127.0.0.1',
    port: 0,
    supervisor: 's1',
    logger: silentLogger,
    pollMs: 20,
    ...options,
  });
  const url = await server.listen();
  return {
    dir,
    server,
    url,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
