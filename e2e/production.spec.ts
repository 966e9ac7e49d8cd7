// The production build as it ships: its Content-Security-Policy blocks nothing the app does while it
// trains, switches views and exports, yet does block eval and inline script; the page asks no host but
// its own; and dist/ runs from a subpath of a plain static file server, as on GitHub Pages.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

/** Records CSP violations, requests to other origins than `origin` and failed responses, from before the page loads. */
async function watch(page: Page, origin: string) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}${event.sample ? `: ${event.sample}` : ''}`),
    );
  });
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'blob:' && url.protocol !== 'data:' && url.origin !== origin) foreign.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const errors = collectErrors(page);
  return {
    foreign,
    failed,
    errors,
    violations: () => page.evaluate(() => window.__cspViolations),
    cspErrors: () => errors.filter((error) => /Content Security Policy/i.test(error)),
  };
}

const step = async (page: Page) =>
  Number(((await page.getByRole('status', { name: 'Training status' }).textContent()) ?? '').match(/Step (\d+)/)?.[1] ?? 0);

/** Waits until the run has taken `steps` steps, pressing Play whenever the opening preview has ended. */
async function trainsTo(page: Page, steps: number): Promise<void> {
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect
    .poll(
      async () => {
        if (await play.isVisible()) await play.click();
        return step(page);
      },
      { timeout: 90_000 },
    )
    .toBeGreaterThanOrEqual(steps);
}

/** Pauses, makes a change that starts a new run (back to step 0, still paused), then trains it. */
async function restartsAndTrains(page: Page, change: () => Promise<void>): Promise<void> {
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(pause.or(play)).toBeVisible();
  // The opening preview may end, and Pause turn into Play, before the click lands.
  if (await pause.isVisible()) await pause.click({ timeout: 5_000 }).catch(() => {});
  await expect(play).toBeVisible();
  await change();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Step 0(?!\d)/);
  await trainsTo(page, 3);
}

test('the Content-Security-Policy blocks nothing the app does, and no request leaves its origin', async ({ page, baseURL }) => {
  const seen = await watch(page, new URL(baseURL ?? '').origin);
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe');
  await trainsTo(page, 3);

  // The digits dataset is fetched (connect-src), gzipped, from the app's own datasets/.
  await restartsAndTrains(page, async () => {
    const digits = page.waitForResponse((response) => response.url().endsWith('/datasets/digits.csv.gz'));
    await page.getByLabel('Dataset').selectOption('digits');
    expect((await digits).ok()).toBe(true);
  });

  // NT-Xent loads the lazy contrastive views chunk (script-src 'self').
  await restartsAndTrains(page, async () => {
    await page.getByLabel('Loss', { exact: true }).selectOption('nt-xent');
    await expect(page.getByRole('heading', { name: 'Embeddings' })).toBeVisible({ timeout: 60_000 });
  });

  // "Charts as PNG" draws the recharts SVG through an Image of a blob: URL (img-src blob:).
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Charts as PNG' }).click();
  const saved = await download.catch(async (error: Error) => {
    const alerts = await page.getByRole('alert').allTextContents();
    throw new Error(
      `no PNG saved (${error.message}); alerts ${JSON.stringify(alerts)}; CSP violations ${JSON.stringify(await seen.violations())}`,
    );
  });
  expect(saved.suggestedFilename()).toMatch(/^xent-lab-.+\.png$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Export failed' })).toHaveCount(0);

  expect(await seen.violations(), 'CSP violations').toEqual([]);
  expect(seen.cspErrors(), 'console errors about the CSP').toEqual([]);
  expect(seen.foreign, 'requests to other origins').toEqual([]);
  expect(seen.failed, 'failed responses').toEqual([]);
  expect(seen.errors, 'console errors or uncaught exceptions').toEqual([]);

  // The policy is enforced, and a violation would have been seen: eval and inline script are refused.
  // In a task of its own: code that page.evaluate runs directly may eval (DevTools' exemption).
  const probe = await page.evaluate(
    () =>
      new Promise((resolve) =>
        setTimeout(() => {
          let evalResult: string;
          try {
            evalResult = String(new Function('return 1 + 1')());
          } catch (error) {
            evalResult = (error as Error).name;
          }
          const inline = document.createElement('script');
          inline.textContent = 'window.__inlineRan = true';
          document.head.append(inline);
          resolve({ evalResult, inlineRan: '__inlineRan' in window });
        }),
      ),
  );
  expect(probe).toEqual({ evalResult: 'EvalError', inlineRan: false });
  await expect.poll(() => seen.violations()).toEqual(['script-src eval', 'script-src-elem inline']);
});

// A plain static file server that knows nothing of the app, mounting dist/ below a subpath; anything
// outside the subpath is a 404, so an absolute asset URL would fail the test.
const SUBPATH = '/some/sub/path/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.gz': 'application/gzip', // as GitHub Pages sends it: no Content-Encoding, the app gunzips
};

function serveDist(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.startsWith(SUBPATH) ? normalize(join(root, path.slice(SUBPATH.length) || 'index.html')) : null;
    try {
      if (!file?.startsWith(root + sep)) throw new Error('outside dist/');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test.describe('from a subpath of a plain static server', () => {
  let server: Server;
  test.beforeAll(async () => {
    server = await serveDist(fileURLToPath(new URL('../dist', import.meta.url)));
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the build loads, fetches its dataset and trains', async ({ page }) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seen = await watch(page, origin);
    await page.goto(`${origin}${SUBPATH}`);
    await trainsTo(page, 3);
    await restartsAndTrains(page, async () => {
      const iris = page.waitForResponse((response) => response.url().endsWith(`${SUBPATH}datasets/iris.csv`));
      await page.getByLabel('Dataset').selectOption('iris');
      expect((await iris).ok()).toBe(true);
    });
    await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Train loss \d+\.\d+/);

    expect(seen.failed, 'failed responses (an absolute URL would 404 here)').toEqual([]);
    expect(seen.foreign, 'requests to other origins').toEqual([]);
    expect(await seen.violations(), 'CSP violations').toEqual([]);
    expect(seen.errors, 'console errors or uncaught exceptions').toEqual([]);
  });
});
