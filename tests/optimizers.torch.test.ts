// The optimizers against real torch.optim (tests/fixtures/torch/optimizers.json, written by
// scripts/make_torch_optimizer_fixtures.py): 6 steps of SGD, Adam and AdamW on two float64 tensors,
// hyperparameters changed between steps through param_groups. The float64 reference runs everywhere,
// the WGSL kernel where there is a WebGPU adapter.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { OptimizerHyperparameters } from '../src/core/optimizerConfig';
import { createStorageBuffer, readBack } from '../src/gpu/buffers';
import { Optimizer } from '../src/gpu/kernels/optimizers';
import { packedLayout } from '../src/gpu/packedLayout';
import { ReferenceOptimizer } from '../src/reference/optimizers';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';

interface OptimizerFixture {
  name: string;
  sizes: number[];
  hyper: OptimizerHyperparameters[]; // before each step
  params: number[][]; // per tensor, before the first step
  grads: number[][][]; // [step][tensor]
  after: number[][][]; // [step][tensor]: torch's parameters after the step
}

const path = fileURLToPath(new URL('./fixtures/torch/optimizers.json', import.meta.url));
const cases: OptimizerFixture[] = JSON.parse(readFileSync(path, 'utf8')).cases;

// Same formulas in float64, in the same order as torch; only rounding and torch's vectorised (FMA)
// kernels differ, a few ulp of |p| ≲ 4.
const REFERENCE_TOL = { atol: 1e-14, rtol: 1e-14 };
// f32 on the GPU against float64 torch: as PARAM_TOL in optimizers.gpu.test.ts (half an f32 ulp of
// |p| < 4 per step, 6 steps), plus the hyperparameters' own rounding to f32 (≈ 6e-8 relative of an
// update of at most ~0.5).
const GPU_TOL = { atol: 2e-6, rtol: 1e-6 };

describe('optimizers: the float64 reference matches torch.optim', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const params = Float64Array.from(fixture.params.flat());
    const reference = new ReferenceOptimizer(params.length, fixture.hyper[0]);
    fixture.hyper.forEach((hyper, step) => {
      reference.hyperparameters = hyper;
      reference.step(params, fixture.grads[step].flat());
      expectClose(params, fixture.after[step].flat(), REFERENCE_TOL, `params after step ${step + 1}`);
    });
  });
});

describe.skipIf(WEBGPU_MISSING)('optimizers: WebGPU matches torch.optim', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const { offsets, length } = packedLayout(fixture.sizes);
    const pack = (tensors: number[][]) => {
      const flat = new Float32Array(length);
      for (const [t, values] of tensors.entries()) flat.set(values, offsets[t]);
      return flat;
    };
    const unpack = (flat: Float32Array) => fixture.sizes.flatMap((size, t) => Array.from(flat.subarray(offsets[t], offsets[t] + size)));
    const params = createStorageBuffer(device, 'test.params', length * 4);
    const grads = createStorageBuffer(device, 'test.grads', length * 4);
    device.queue.writeBuffer(params, 0, pack(fixture.params));
    const optimizer = new Optimizer(device, length, { params, grads }, fixture.hyper[0], 'test.Optimizer');
    for (const [step, hyper] of fixture.hyper.entries()) {
      optimizer.setHyperparameters(hyper);
      device.queue.writeBuffer(grads, 0, pack(fixture.grads[step]));
      const encoder = device.createCommandEncoder({ label: 'test.optimizer' });
      const pass = encoder.beginComputePass({ label: 'test.optimizer' });
      optimizer.encode(pass);
      pass.end();
      const [after] = await readBack(device, 'test.params', [{ source: params, length }], encoder);
      expectClose(unpack(after), fixture.after[step].flat(), GPU_TOL, `params after step ${step + 1}`);
    }
    optimizer.destroy();
    params.destroy();
    grads.destroy();
  });
});
