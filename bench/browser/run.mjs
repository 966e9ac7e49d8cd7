// `npm run bench` (browser part): builds the benchmark page, serves it on loopback, runs it in
// headless Chromium on WebGPU, prints the table and writes bench-results/browser.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { serveStatic } from './staticServer.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
// `--only MLP` runs just the workloads whose name contains it and prints their table; it writes no
// JSON unless `--out FILE` asks (a part must not overwrite the full run's bench-results/browser.json).
const option = (name, example) => {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (!value || value.startsWith('--')) {
    console.error(`${name}: give ${example}`);
    process.exit(2);
  }
  return value;
};
const only = option('--only', 'part of a workload name, e.g. --only MLP');
const outOption = option('--out', 'a file to write the JSON to, e.g. --out /tmp/browser.json');
const out = outOption ? resolve(outOption) : only ? undefined : join(root, 'bench-results/browser.json');
const dist = join(root, 'dist-bench');
// Several times the full run on SwiftShader (docs/benchmarks.md): past this the page is stuck, not slow.
const PAGE_TIMEOUT_MS = 15 * 60 * 1000;

const started = Date.now();
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
  // The page logs each workload and contender as it goes: a slow run shows where it is.
  page.on('console', (message) => console.log(`  [page] ${message.text()}`));
  await page.goto(server.url);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the benchmark page did not finish in ${PAGE_TIMEOUT_MS / 60000} minutes`)), PAGE_TIMEOUT_MS);
  });
  const result = await Promise.race([page.evaluate((filter) => /** @type {any} */ (window).runBenchmark(filter), only), timeout]);
  clearTimeout(timer);
  const { table, ...record } = result;
  console.log(`\n${table}`);
  console.log(`\ntotal (build + browser): ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...(only ? { only } : {}), ...record }, null, 2)}\n`);
  }
} finally {
  await browser.close();
  server.close();
}
