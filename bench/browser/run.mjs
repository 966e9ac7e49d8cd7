// `npm run bench` (browser part): builds the benchmark page, serves it on loopback, runs it in
// headless Chromium on WebGPU, prints the table and writes bench-results/browser.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist-bench');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'bench/browser/vite.config.ts'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dist, path === '/' ? 'index.html' : path);
  let body;
  try {
    body = readFileSync(file);
  } catch {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const { source: _source, ...launch } = findChromium();
const browser = await chromium.launch({ ...launch, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const result = await page.evaluate(() => /** @type {any} */ (window).runBenchmark());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`adapter: ${result.adapter}`);
  console.log('MLP training step 2→64→64→10, batch 256, Adam | ms per step (median, min–max) | steps/s');
  for (const { contender, msPerStep } of result.samples) {
    const m = median(msPerStep);
    console.log(
      `${contender} | ${m.toFixed(2)} (${Math.min(...msPerStep).toFixed(2)}–${Math.max(...msPerStep).toFixed(2)}) | ${(1000 / m).toFixed(1)}`,
    );
  }
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/browser.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  server.close();
}
