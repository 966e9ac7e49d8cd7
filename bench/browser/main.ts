// Runs in headless Chromium on WebGPU: our GPU trainer against TensorFlow.js's WebGPU backend on the
// same adapter, same workload, repetitions interleaved so that drift hits both alike.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';
import { normalArray, seededRandom } from '../../src/engine/random';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { tfjsMlp } from './tfjsMlp';

const BATCH = 256;
const WIDTHS = [2, 64, 64, 10];
const REPS = 5;

interface Sample {
  contender: string;
  msPerStep: number[];
}

async function timeSteps(steps: number, step: () => void, sync: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let s = 0; s < steps; s++) step();
  await sync();
  return (performance.now() - start) / steps;
}

async function runBenchmark(): Promise<{ adapter: string; samples: Sample[] }> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  const device = await adapter.requestDevice({ label: 'xent-lab bench' });
  const random = seededRandom(3);
  const x = normalArray(random, BATCH * WIDTHS[0]);
  const y = Int32Array.from({ length: BATCH }, () => random.int(WIDTHS[WIDTHS.length - 1]));

  const layout = mlpLayout({ inputs: WIDTHS[0], hidden: WIDTHS.slice(1, -1), classes: WIDTHS[WIDTHS.length - 1], activation: 'relu' });
  const ours = new GpuMlp(device, {
    layout,
    batch: BATCH,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 1),
    optimizer: { kind: 'adam', lr: 1e-3 },
    loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
  });
  await tf.setBackend('webgpu');
  await tf.ready();
  const theirs = tfjsMlp(WIDTHS, BATCH, x, y, 1);

  const contenders = [
    { contender: 'xent-lab (WGSL, GPU-resident)', steps: 40, step: () => ours.step(x, y), sync: () => device.queue.onSubmittedWorkDone() },
    { contender: 'TensorFlow.js webgpu', steps: 4, step: () => theirs.step(), sync: () => theirs.sync() },
  ];
  for (const c of contenders) await timeSteps(2, c.step, c.sync); // warm-up: pipelines, shader compilation
  const samples: Sample[] = contenders.map((c) => ({ contender: c.contender, msPerStep: [] }));
  for (let rep = 0; rep < REPS; rep++) {
    for (const [i, c] of contenders.entries()) samples[i].msPerStep.push(await timeSteps(c.steps, c.step, c.sync));
  }
  ours.destroy();
  theirs.dispose();
  const info = adapter.info;
  return { adapter: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' · '), samples };
}

Object.assign(window, { runBenchmark });
