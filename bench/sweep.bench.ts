// The sweep on Dawn in Node (SwiftShader here): R runs of 2→64→64→3 ReLU, batch 256, Adam, trained
// together by BatchedGpuMlp (one submit per sweep step) beside the same R runs as R GpuMlps stepped
// one after another (R submits per sweep step, each on the adapter's best dense variant). Prints a
// table and writes bench-results/sweep.json; tfjs-webgpu doing the same runs is in the browser
// bench (bench/browser/sweep.ts), since Node has no tfjs WebGPU backend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { initialParameters } from '../src/engine/model/init';
import { mlpLayout } from '../src/engine/model/layout';
import { normalArray, seededRandom } from '../src/engine/random';
import { BatchedGpuMlp } from '../src/engine/sweep/batchedGpuMlp';
import { runSetup } from '../src/engine/sweep/checkBatchedSetup';
import type { BatchedTrainingSetup } from '../src/engine/sweep/types';
import { GpuMlp } from '../src/engine/train/gpuMlp';
import { adapterFacts } from '../src/gpu/kernelChoice';
import { denseVariantFor } from '../src/gpu/kernels/dense';
import { nodeGpu } from '../tests/setup/gpu';
import { countDispatches } from './countDispatches';

const BATCH = 256;
const CONFIG = { inputs: 2, hidden: [64, 64], classes: 3, activation: 'relu' as const };
const RUN_COUNTS = [16, 64];
const REPS = 3;

/** R runs on a log grid of learning rates, as a sweep over lr would be. */
function sweepSetup(runs: number): BatchedTrainingSetup {
  const layout = mlpLayout(CONFIG);
  return {
    layout,
    batch: BATCH,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 1),
    runs: Array.from({ length: runs }, (_, r) => ({
      optimizer: { kind: 'adam' as const, lr: 1e-4 * 10 ** ((3 * r) / runs) },
      loss: { labelSmoothing: 0, reduction: 'mean' as const, ignoreIndex: -100 },
    })),
  };
}

/** Median ms per sweep step over REPS reps of `steps` steps each, after one warm-up rep. */
async function timeSteps(steps: number, step: () => void, finish: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let rep = 0; rep <= REPS; rep++) {
    const start = performance.now();
    for (let s = 0; s < steps; s++) step();
    await finish();
    if (rep > 0) samples.push((performance.now() - start) / steps);
  }
  return samples.sort((a, b) => a - b);
}

it('sweep benchmark', async () => {
  const adapter = (await nodeGpu().requestAdapter()) as GPUAdapter;
  const device = await adapter.requestDevice();
  const random = seededRandom(3);
  const x = normalArray(random, BATCH * CONFIG.inputs);
  const y = Int32Array.from({ length: BATCH }, () => random.int(CONFIG.classes));
  const rows = [];
  for (const runs of RUN_COUNTS) {
    const setup = sweepSetup(runs);
    const sweep = new BatchedGpuMlp(device, setup, `bench.sweep${runs}`, denseVariantFor(device));
    const dispatches = countDispatches(device, (pass) => sweep.encodeStep(pass));
    const batched = await timeSteps(
      runs >= 64 ? 2 : 4,
      () => sweep.step(x, y),
      () => sweep.lastLosses(),
    );
    await sweep.destroy();
    const singles = setup.runs.map((_, r) => new GpuMlp(device, runSetup(setup, r), `bench.single${r}`));
    await Promise.all(singles.map((single) => single.switchDenseVariant(denseVariantFor(device))));
    const singleDispatches = countDispatches(device, (pass) => singles[0].encodeStep(pass));
    const sequential = await timeSteps(
      runs >= 64 ? 1 : 2,
      () => {
        for (const single of singles) single.step(x, y);
      },
      () => Promise.all(singles.map((single) => single.lastLoss())),
    );
    await Promise.all(singles.map((single) => single.destroy()));
    const median = (samples: number[]) => samples[Math.floor(samples.length / 2)];
    for (const [contender, samples, perStep] of [
      [`BatchedGpuMlp, ${runs} runs`, batched, dispatches],
      [`${runs} × GpuMlp, one after another`, sequential, runs * singleDispatches],
    ] as const) {
      const ms = median(samples);
      rows.push({
        runs,
        contender,
        ms: { median: ms, min: samples[0], max: samples[samples.length - 1] },
        sweepStepsPerSecond: 1000 / ms,
        modelStepsPerSecond: (1000 * runs) / ms,
        dispatchesPerStep: perStep,
      });
    }
  }
  const info = adapter.info;
  console.log(`adapter: ${[info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' · ')}`);
  console.log(['runs', 'contender', 'ms per sweep step (min–max)', 'sweep steps/s', 'model-steps/s'].join(' | '));
  for (const row of rows) {
    const { median, min, max } = row.ms;
    console.log(
      [
        row.runs,
        row.contender,
        `${median.toFixed(1)} (${min.toFixed(1)}–${max.toFixed(1)})`,
        row.sweepStepsPerSecond.toFixed(2),
        row.modelStepsPerSecond.toFixed(1),
      ].join(' | '),
    );
  }
  mkdirSync('bench-results', { recursive: true });
  const record = { date: new Date().toISOString(), adapter: adapterFacts(info), workload: `2→64→64→3 ReLU, batch ${BATCH}, Adam`, rows };
  writeFileSync('bench-results/sweep.json', `${JSON.stringify(record, null, 2)}\n`);
  device.destroy();
});
