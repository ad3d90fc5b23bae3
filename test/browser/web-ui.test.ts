/**
 * The web UI as a person uses it: `gale run examples/word-count.ts --ui` in a child process, and
 * headless Chromium (Debian's `chromium`, installed by scripts/ensure-infra.mjs) driven by
 * playwright-core. The cluster page lists the topology; its page draws every component, the
 * spout's count rises, stops after Deactivate and rises again after Activate. Screenshots go to
 * test-output/. Needs `npm run build` first (the CLI and dist/web).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const OUTPUT = join(ROOT, 'test-output');
const CHROMIUM = '/usr/bin/chromium';
/** The network is closed: no background fetches, no QUIC, no first-run work. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The user components of examples/word-count.ts. */
const COMPONENTS = ['sentences', 'split', 'count', 'report'];
const SPOUT = 'sentences';
const TOPOLOGY = 'word-count';
const START_TIMEOUT_MS = 30_000;
/** A bound on each wait in the page: live updates come once a second. */
const WAIT_MS = 20_000;

interface Gale {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** Starts `gale run ... --ui --ui-port 0` and resolves with the URL it prints. */
function startGale(): Promise<Gale> {
  const child = spawn(
    process.execPath,
    [CLI, 'run', 'examples/word-count.ts', '--ui', '--ui-port', '0', '-d', '0', '--no-progress'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      reject(new Error(`gale printed no UI line within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /UI: (http:\/\/\S+)/.exec(output);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      const url = m[1].endsWith('/') ? m[1] : `${m[1]}/`;
      resolve({ child, url, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gale exited (${code ?? signal}) before its UI was up:\n${output}`));
    });
  });
}

/** Stops the child by its pid: SIGINT (a graceful stop), SIGKILL if it is still there after 10 s. */
async function stopGale(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 10_000)));
  if ((await Promise.race([exited, late])) === 'late') {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** The spout's all-time emitted count as its graph node shows it. */
async function emitted(page: Page): Promise<number> {
  const value = await page.getAttribute(`g.node[data-component="${SPOUT}"]`, 'data-emitted');
  assert.ok(value !== null, 'the spout node has no data-emitted');
  return Number(value);
}

/** Waits until the spout's count is above `than`. */
async function countRisesAbove(page: Page, than: number): Promise<void> {
  await page.waitForFunction(
    ([spout, floor]) => {
      const v = document.querySelector(`g.node[data-component="${spout}"]`)?.getAttribute('data-emitted');
      return v !== null && v !== undefined && Number(v) > floor;
    },
    [SPOUT, than] as const,
    { timeout: WAIT_MS },
  );
}

/** Clicks an action button, confirms its dialog, and waits for the status the server reports. */
async function act(page: Page, action: 'activate' | 'deactivate', status: string): Promise<void> {
  await page.click(`button[data-action="${action}"]`);
  await page.click('dialog[open] [data-testid="confirm"]');
  await page.waitForSelector('dialog', { state: 'detached', timeout: WAIT_MS });
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="topology-status"]')?.textContent === want,
    status,
    { timeout: WAIT_MS },
  );
}

describe('web ui - word count in local mode', () => {
  let gale: Gale | undefined;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    gale = await startGale();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(WAIT_MS);
  });

  after(async () => {
    await browser?.close();
    if (gale !== undefined) await stopGale(gale.child);
  });

  it('web ui - the cluster page lists the topology and links to its page', async () => {
    assert.ok(gale !== undefined);
    await page.goto(gale.url);
    const link = page.locator(`a[data-topology="${TOPOLOGY}"]`);
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/topology\/word-count$/);
  });

  it('web ui - the topology page draws every component of word count', async () => {
    for (const id of COMPONENTS) await page.waitForSelector(`g.node[data-component="${id}"]`);
    const drawn = await page.$$eval('g.node[data-component]', (nodes) =>
      nodes.map((n) => n.getAttribute('data-component')),
    );
    assert.deepEqual([...drawn].sort(), [...COMPONENTS].sort());
    assert.equal(await page.getAttribute(`g.node[data-component="${SPOUT}"]`, 'data-kind'), 'spout');
    // The graph may come from the first fetch, before the event stream is open: wait for it.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection"]')?.textContent === 'live',
      undefined,
      { timeout: WAIT_MS },
    );
  });

  it('web ui - the spout count rises while the page stays open', async () => {
    await countRisesAbove(page, 0);
    const first = await emitted(page);
    await countRisesAbove(page, first);
    // The table shows the same all-time count.
    await page.waitForSelector(`[data-testid="emitted-${SPOUT}"]`);
  });

  it('web ui - deactivate stops the spout, activate starts it again', async () => {
    await act(page, 'deactivate', 'inactive');
    // Stopped: the count is the same over four live updates in a row (about 3 s).
    await page.waitForFunction(
      (spout) => {
        const root = document.querySelector<HTMLElement>('.topology-page');
        const count = document
          .querySelector(`g.node[data-component="${spout}"]`)
          ?.getAttribute('data-emitted');
        const time = root?.dataset['time'];
        if (count === null || count === undefined || time === undefined) return false;
        const w = window as unknown as { galeSeen?: { time: string; count: string }[] };
        const seen = (w.galeSeen ??= []);
        if (seen[seen.length - 1]?.time !== time) seen.push({ time, count });
        const last = seen.slice(-4);
        return last.length === 4 && last.every((s) => s.count === count);
      },
      SPOUT,
      { timeout: WAIT_MS, polling: 100 },
    );
    const stopped = await emitted(page);
    assert.ok(stopped > 0);

    await act(page, 'activate', 'active');
    await countRisesAbove(page, stopped);
    await page.screenshot({ path: join(OUTPUT, 'web-ui-topology.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(OUTPUT, 'web-ui-topology-dark.png') });
  });
});
