// The dense layer, reference and WebGPU, against PyTorch's F.linear + activation with autograd
// (tests/fixtures/torch/dense.json, written by scripts/make_torch_dense_fixtures.py).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DenseShape } from '../src/core/types';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { Dense } from '../src/gpu/kernels/dense';
import { denseBackward, denseForward } from '../src/reference/dense';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';

interface DenseFixture extends DenseShape {
  name: string;
  x: number[];
  weight: number[];
  bias: number[];
  dy: number[];
  y: number[];
  dx: number[];
  dweight: number[];
  dbias: number[];
}

const fixtures: DenseFixture[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/torch/dense.json', import.meta.url)), 'utf8'),
).cases;
const named = fixtures.map((f) => [f.name, f] as const);

// Both float64, summing at most 14 terms in another order; erf by a series good to ~1e-14.
const REFERENCE_TOL = { atol: 1e-12, rtol: 1e-12 };
// f32 on the GPU: products of these 2⁻¹⁰-grid inputs are exact, sums of ≤ 14 terms round ≤ 14 times
// (≤ 14·2⁻²⁴ ≈ 1e-6 relative to the terms, which reach ±20), and tanh, exp and erf add ≤ 2 ulp of 1.
const GPU_TOL = { atol: 2e-6, rtol: 1e-5 };

describe('dense reference matches PyTorch', () => {
  it.each(named)('%s', (_name, f) => {
    const { y } = denseForward(f.x, f.weight, f.bias, f);
    const { z } = denseForward(f.x, f.weight, f.bias, { ...f, activation: 'linear' });
    const grads = denseBackward(f.dy, f.x, f.weight, z, f);
    expectClose(y, f.y, REFERENCE_TOL, 'y');
    expectClose(grads.dx, f.dx, REFERENCE_TOL, 'dx');
    expectClose(grads.dweight, f.dweight, REFERENCE_TOL, 'dweight');
    expectClose(grads.dbias, f.dbias, REFERENCE_TOL, 'dbias');
  });
});

describe.skipIf(WEBGPU_MISSING)('dense on WebGPU matches PyTorch', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it.each(named)('%s', async (_name, f) => {
    const { batch, inputs, outputs } = f;
    const buffers = {
      input: uploadBuffer(device, 'test.x', Float32Array.from(f.x)),
      weight: uploadBuffer(device, 'test.weight', Float32Array.from(f.weight)),
      bias: uploadBuffer(device, 'test.bias', Float32Array.from(f.bias)),
      output: createStorageBuffer(device, 'test.y', batch * outputs * 4),
      gradOutput: uploadBuffer(device, 'test.dy', Float32Array.from(f.dy)),
      gradWeight: createStorageBuffer(device, 'test.dweight', outputs * inputs * 4),
      gradBias: createStorageBuffer(device, 'test.dbias', outputs * 4),
      gradInput: createStorageBuffer(device, 'test.dx', batch * inputs * 4),
    };
    const dense = new Dense(device, f, buffers);
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    dense.encodeForward(pass);
    dense.encodeBackward(pass);
    pass.end();
    const [y, dx, dweight, dbias] = await readBack(
      device,
      'test',
      [
        { source: buffers.output, length: batch * outputs },
        { source: buffers.gradInput, length: batch * inputs },
        { source: buffers.gradWeight, length: outputs * inputs },
        { source: buffers.gradBias, length: outputs },
      ],
      encoder,
    );
    expectClose(y, f.y, GPU_TOL, 'y');
    expectClose(dx, f.dx, GPU_TOL, 'dx');
    expectClose(dweight, f.dweight, GPU_TOL, 'dweight');
    expectClose(dbias, f.dbias, GPU_TOL, 'dbias');
    dense.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
  });
});
