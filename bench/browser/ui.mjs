// `npm run bench` (page part): the production build in headless Chromium on WebGPU, as a user opens
// it. Measures the time from navigation to the first training step (and to the first metrics), and
// the frame intervals while training runs (p50/p95), so that "training never blocks the page" is a
// number. Writes bench-results/ui.json. The page's first steps run on the CPU reference while the
// GPU's pipelines compile (a warm start); the time until the GPU takes over is reported beside them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { serveStatic } from './staticServer.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 3;
const TRAIN_MS = 8000;

const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const server = await serveStatic(join(root, 'dist'));
const { source: _source, ...launch } = findChromium();

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

// A browser of its own per load, as a user opening the link has: pages of one browser share its GPU
// process, which compiles pipelines one at a time, so a load would wait behind the previous page's
// background compiles (the adapter's tiles, seconds on SwiftShader).
async function once() {
  const browser = await chromium.launch({ ...launch, args: CHROMIUM_ARGS });
  try {
    return await measureLoad(browser);
  } finally {
    await browser.close();
  }
}

async function measureLoad(browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Every frame from the first on, so that the frames of the CPU warm-up (during the opening preview)
  // are measured as well as those after Play.
  await page.addInitScript(() => {
    const times = [];
    globalThis.xentFrameTimes = times;
    const tick = (t) => {
      times.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('xent:first-step').length > 0, null, { timeout: 120_000 });
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  // After the opening preview, Play, then record every frame while training.
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const frames = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const times = [];
        const tick = (t) => {
          times.push(t);
          if (t - times[0] < ms) requestAnimationFrame(tick);
          else resolve(times.slice(1).map((x, i) => x - times[i]));
        };
        requestAnimationFrame(tick);
      }),
    TRAIN_MS,
  );
  // The GPU takes over during the preview or the frames above; read the marks again.
  const later = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  Object.assign(marks, later);
  const frameTimes = await page.evaluate(() => globalThis.xentFrameTimes);
  const status = await page.getByRole('status', { name: 'Training status' }).textContent();
  const backend = await page.getByRole('status', { name: 'Backend' }).textContent();
  await page.close();
  return { marks, frames, frameTimes, status, backend };
}

try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const firstStep = runs.map((r) => r.marks['xent:first-step']);
  const firstMeasure = runs.map((r) => r.marks['xent:first-measure']);
  // Absent where no warm start ran (a large first step, or the CPU backend).
  const handoff = runs.map((r) => r.marks['xent:gpu-handoff']).filter((t) => t !== undefined);
  const intervals = runs.flatMap((r) => r.frames);
  /** Frame intervals that end within [from, to) of a run's clock. */
  const between = (r, from, to) => r.frameTimes.slice(1).flatMap((t, i) => (t >= from && t < to ? [t - r.frameTimes[i]] : []));
  const phase = (xs) =>
    xs.length === 0 ? null : { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs), frames: xs.length };
  const warmUp = runs.flatMap((r) =>
    r.marks['xent:gpu-handoff'] ? between(r, r.marks['xent:first-step'], r.marks['xent:gpu-handoff']) : [],
  );
  const summary = {
    date: new Date().toISOString(),
    backend: runs[0].backend,
    runs: RUNS,
    navigationToFirstStepMs: { median: quantile(firstStep, 0.5), min: Math.min(...firstStep), max: Math.max(...firstStep) },
    navigationToFirstMetricsMs: { median: quantile(firstMeasure, 0.5), min: Math.min(...firstMeasure), max: Math.max(...firstMeasure) },
    navigationToGpuHandoffMs:
      handoff.length === 0
        ? null
        : { median: quantile(handoff, 0.5), min: Math.min(...handoff), max: Math.max(...handoff), runs: handoff.length },
    frameIntervalMs: {
      p50: quantile(intervals, 0.5),
      p95: quantile(intervals, 0.95),
      max: Math.max(...intervals),
      frames: intervals.length,
    },
    /** Frames from the first step until the GPU took over (the CPU steps of the warm start, the opening preview). */
    frameIntervalWhileCpuStepsMs: phase(warmUp),
    /** Frames of the first 2 s after the first step, warm start or not: comparable across versions. */
    frameIntervalFirstTwoSecondsMs: phase(runs.flatMap((r) => between(r, r.marks['xent:first-step'], r.marks['xent:first-step'] + 2000))),
    statusAfterTraining: runs.map((r) => r.status),
    // Every xent: mark (engine ready, session created, …), median over the runs: where the time goes.
    marksMedianMs: Object.fromEntries(
      [...new Set(runs.flatMap((r) => Object.keys(r.marks)))]
        .filter((name) => name.startsWith('xent:'))
        .map((name) => [
          name,
          quantile(
            runs.map((r) => r.marks[name]).filter((t) => t !== undefined),
            0.5,
          ),
        ]),
    ),
  };
  console.log(`page: ${summary.backend}`);
  console.log(
    `navigation → first training step: ${summary.navigationToFirstStepMs.median.toFixed(0)} ms (median of ${RUNS}, ${summary.navigationToFirstStepMs.min.toFixed(0)}–${summary.navigationToFirstStepMs.max.toFixed(0)})`,
  );
  console.log(`navigation → first metrics: ${summary.navigationToFirstMetricsMs.median.toFixed(0)} ms`);
  const h = summary.navigationToGpuHandoffMs;
  console.log(
    h
      ? `navigation → GPU takes over from the CPU warm start: ${h.median.toFixed(0)} ms (${h.runs} of ${RUNS} runs)`
      : 'no warm start (no CPU → GPU handoff)',
  );
  console.log(
    `frame interval while training: p50 ${summary.frameIntervalMs.p50.toFixed(1)} ms, p95 ${summary.frameIntervalMs.p95.toFixed(1)} ms (${summary.frameIntervalMs.frames} frames)`,
  );
  const f2 = summary.frameIntervalFirstTwoSecondsMs;
  console.log(
    `frame interval in the first 2 s of training: p50 ${f2.p50.toFixed(1)} ms, p95 ${f2.p95.toFixed(1)} ms (${f2.frames} frames)`,
  );
  const w = summary.frameIntervalWhileCpuStepsMs;
  if (w)
    console.log(
      `frame interval while the CPU steps (warm-up): p50 ${w.p50.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms (${w.frames} frames)`,
    );
  console.log(
    `marks (median ms): ${Object.entries(summary.marksMedianMs)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/ui.json'), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  server.close();
}
