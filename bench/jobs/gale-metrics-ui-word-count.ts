/**
 * (gm) The `g-gale` job with metrics on, watched as an operator would: a UI server samples the
 * topology every second (windows, series, edges), and another process scrapes /metrics every
 * second (the Prometheus text of every task), as a Prometheus would. Compared with `g0-gale-no-metrics`: the cost of metrics.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src/runtime/index.js';
import { LocalBackend } from '../../src/ui/local-backend.js';
import { UiServer } from '../../src/ui/ui-server.js';
import { runLocalWordCount } from '../local-word-count.js';
import type { BenchJob } from './bench-job.js';

const SCRAPE_LOOP = fileURLToPath(new URL('../scrape-loop.js', import.meta.url));

export const job: BenchJob = {
  id: 'gm-gale-metrics-ui',
  name: 'Gale LocalCluster, 1 thread, acking off, metrics on, UI sampling and /metrics scraped every second',
  run: (sentences) =>
    runLocalWordCount(sentences, { ackers: 0, metrics: true }, async (cluster) => {
      const server = new UiServer({
        backend: new LocalBackend(cluster),
        version: 'bench',
        logger: silentLogger,
      });
      const base = await server.listen('127.0.0.1', 0);
      // Scraped from another process, as by a real Prometheus.
      const scraper = spawn(process.execPath, [SCRAPE_LOOP, `${base}metrics`], { stdio: 'ignore' });
      return async () => {
        scraper.kill();
        await server.close();
      };
    }),
};
