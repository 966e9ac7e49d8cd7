// `npm run bench` (browser part): builds the benchmark page, serves it on loopback, runs it in
// headless Chromium on WebGPU, prints the table and writes bench-results/browser.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { serveStatic } from './staticServer.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist-bench');

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'bench/browser/vite.config.ts'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await serveStatic(dist);

const { source: _source, ...launch } = findChromium();
const browser = await chromium.launch({ ...launch, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(server.url);
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
