/**
 * (gm) The `g-gale` job with metrics on, watched as an operator would: a UI server samples the
 * topology every second (windows, series, edges), and /metrics is scraped every second (the
 * Prometheus text of every task). Compared with `g0-gale-no-metrics`: the cost of metrics.
 */
import { silentLogger } from '../../src/runtime/index.js';
import { LocalBackend } from '../../src/ui/local-backend.js';
import { UiServer } from '../../src/ui/ui-server.js';
import { runLocalWordCount } from '../local-word-count.js';
import type { BenchJob } from './bench-job.js';

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
      const scrape = setInterval(() => {
        void fetch(`${base}metrics`).then((r) => r.text());
      }, 1000);
      return async () => {
        clearInterval(scrape);
        await server.close();
      };
    }),
};
