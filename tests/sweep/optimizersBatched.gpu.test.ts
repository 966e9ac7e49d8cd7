// Every run's optimizer step in one dispatch equals that run's Optimizer (optimizers.ts) bit for bit:
// the same expressions in the same order, and the same float64-formed scalars rounded once to f32.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../src/core/optimizerConfig';
import { readBack, uploadBuffer } from '../../src/gpu/buffers';
import { Optimizer } from '../../src/gpu/kernels/optimizers';
import { OptimizerBatched } from '../../src/gpu/kernels/optimizers_batched';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { seededRandom } from '../support/random';

const L = 24;
const STEPS = 3;
const CONFIGS: OptimizerConfig[] = [
  { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-2 },
  { kind: 'sgd', lr: 0.05, momentum: 0.5, dampening: 0.3 },
  { kind: 'sgd', lr: 0.2 },
  { kind: 'adam', lr: 1e-2, weightDecay: 1e-3 },
  { kind: 'adamw', lr: 3e-3, weightDecay: 0.1, beta1: 0.8, beta2: 0.99, eps: 1e-6 },
];

describe.skipIf(WEBGPU_MISSING)('OptimizerBatched', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it('steps SGD (Nesterov, dampening, plain), Adam and AdamW runs in one dispatch, each bit for bit as alone', async () => {
    const random = seededRandom(11);
    const runs = CONFIGS.length;
    const params = Float32Array.from({ length: runs * L }, () => random.normal());
    const gradSteps = Array.from({ length: STEPS }, () => Float32Array.from({ length: runs * L }, () => random.normal()));
    const batchedParams = uploadBuffer(device, 'test.params', params);
    const batchedGrads = uploadBuffer(device, 'test.grads', gradSteps[0]);
    const batched = new OptimizerBatched(device, runs, L, { params: batchedParams, grads: batchedGrads }, CONFIGS, 'test.batched');
    const alone = CONFIGS.map((config, r) => {
      const p = uploadBuffer(device, `test.params${r}`, params.slice(r * L, (r + 1) * L));
      const g = uploadBuffer(device, `test.grads${r}`, gradSteps[0].slice(r * L, (r + 1) * L));
      return { p, g, optimizer: new Optimizer(device, L, { params: p, grads: g }, config, `test.alone${r}`) };
    });
    for (const grads of gradSteps) {
      device.queue.writeBuffer(batchedGrads, 0, grads);
      for (const [r, { g }] of alone.entries()) device.queue.writeBuffer(g, 0, grads, r * L, L);
      // One step per submit, as the optimizers require (their scalars are written as they encode).
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      batched.encode(pass);
      pass.end();
      device.queue.submit([encoder.finish()]);
      for (const { optimizer } of alone) {
        const own = device.createCommandEncoder();
        const ownPass = own.beginComputePass();
        optimizer.encode(ownPass);
        ownPass.end();
        device.queue.submit([own.finish()]);
      }
    }
    const [after] = await readBack(device, 'test.after', [{ source: batchedParams, length: runs * L }]);
    for (const [r, { p }] of alone.entries()) {
      const [expected] = await readBack(device, `test.after${r}`, [{ source: p, length: L }]);
      expect(after.subarray(r * L, (r + 1) * L), `run ${r} (${CONFIGS[r].kind})`).toEqual(expected);
      expect(expected).not.toEqual(params.subarray(r * L, (r + 1) * L)); // it did step
    }
    batched.destroy();
    for (const { optimizer } of alone) optimizer.destroy();
  });
});
