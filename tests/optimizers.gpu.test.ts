// The WGSL optimizers against the float64 reference: every SGD variant, Adam and AdamW over 8 steps
// of changing gradients, on a packed layout whose padding must stay 0, with hyperparameters changed
// live and reset(). (The reference itself is checked against torch.optim in optimizers.torch.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OptimizerConfig, resolveOptimizerConfig } from '../src/core/optimizerConfig';
import { normalArray, seededRandom } from '../src/engine/random';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { Optimizer } from '../src/gpu/kernels/optimizers';
import { packedLayout } from '../src/gpu/packedLayout';
import { ReferenceOptimizer } from '../src/reference/optimizers';
import { hasAdapter, testDevice } from './setup/gpu';
import { expectClose } from './support/compare';

const available = await hasAdapter();

// The GPU rounds p, b, m and v to f32 at every step; the reference never does. With |p| < 4 one
// rounding is at most half an ulp (2.4e-7), so 8 steps stay under 2e-6 (measured: 8.6e-7).
const PARAM_TOL = { atol: 2e-6, rtol: 1e-6 };
// Momentum sums ~10 gradients into |b| ≲ 10 (half an ulp: 4.8e-7, 8 steps: 4e-6; measured 1.8e-6).
const STATE_TOL = { atol: 4e-6, rtol: 1e-6 };

/** Three tensors at offsets 0, 64, 256 (length 268): padding at 37–63, 194–255 and 266–267. */
const SIZES = [37, 130, 10];
const STEPS = 8;

/** Seeded normal values × scale in the tensors, 0 in the padding (as fresh buffers and a backward pass leave it). */
function packedNormal(seed: number, sizes: number[], scale: number): Float32Array {
  const { offsets, length } = packedLayout(sizes);
  const random = seededRandom(seed);
  const out = new Float32Array(length);
  for (const [t, size] of sizes.entries()) out.set(normalArray(random, size, scale), offsets[t]);
  return out;
}

function paddingIndices(sizes: number[]): number[] {
  const { offsets, length } = packedLayout(sizes);
  const inTensor = new Array<boolean>(length).fill(false);
  for (const [t, size] of sizes.entries()) inTensor.fill(true, offsets[t], offsets[t] + size);
  return inTensor.flatMap((inside, i) => (inside ? [] : [i]));
}

interface Trial {
  config: OptimizerConfig;
  /** New hyperparameters, taking effect at the step of the key (1-based). */
  changes?: Record<number, OptimizerConfig>;
  /** reset() before this step (1-based). */
  resetBefore?: number;
}

const TRIALS: [string, Trial][] = [
  ['SGD', { config: { kind: 'sgd', lr: 0.1 } }],
  ['SGD with momentum', { config: { kind: 'sgd', lr: 0.05, momentum: 0.9 } }],
  ['SGD with momentum and dampening', { config: { kind: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.3 } }],
  ['SGD with Nesterov momentum', { config: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true } }],
  ['SGD with weight decay', { config: { kind: 'sgd', lr: 0.1, weightDecay: 0.1 } }],
  ['SGD with Nesterov momentum and weight decay', { config: { kind: 'sgd', lr: 0.05, momentum: 0.5, nesterov: true, weightDecay: 0.2 } }],
  ['Adam', { config: { kind: 'adam', lr: 0.01 } }],
  ['Adam with L2 weight decay', { config: { kind: 'adam', lr: 0.01, weightDecay: 0.1 } }],
  ['AdamW (default weight decay 0.01)', { config: { kind: 'adamw', lr: 0.01 } }],
  ['AdamW with betas, eps and weight decay', { config: { kind: 'adamw', lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1 } }],
  [
    'SGD changed live: momentum switched on at step 3 (its first momentum step ignores dampening), then Nesterov',
    {
      config: { kind: 'sgd', lr: 0.1 },
      changes: {
        3: { kind: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.3 },
        5: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
        7: { kind: 'sgd', lr: 0.02, momentum: 0.5, dampening: 0.5 },
      },
    },
  ],
  [
    'Adam changed live: lr, then betas and eps',
    {
      config: { kind: 'adam', lr: 0.01 },
      changes: { 3: { kind: 'adam', lr: 0.003 }, 5: { kind: 'adam', lr: 0.003, beta1: 0.5, beta2: 0.9, eps: 1e-3, weightDecay: 0.05 } },
    },
  ],
  [
    'AdamW changed live: lr and weight decay',
    { config: { kind: 'adamw', lr: 0.01 }, changes: { 4: { kind: 'adamw', lr: 0.005, weightDecay: 0.2 } } },
  ],
  ['SGD with momentum, reset() after 4 steps', { config: { kind: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.1 }, resetBefore: 5 }],
  ['Adam, reset() after 4 steps (t restarts at 1)', { config: { kind: 'adam', lr: 0.01, beta1: 0.8 }, resetBefore: 5 }],
];

describe.skipIf(!available)('optimizers: WebGPU equals the float64 reference', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  async function stepOnGpu(optimizer: Optimizer, params: GPUBuffer, length: number): Promise<Float32Array> {
    const encoder = device.createCommandEncoder({ label: 'test.optimizer' });
    const pass = encoder.beginComputePass({ label: 'test.optimizer' });
    optimizer.encode(pass);
    pass.end();
    const [after] = await readBack(device, 'test.optimizer', [{ source: params, length }], encoder);
    return after;
  }

  async function readState(optimizer: Optimizer, length: number): Promise<Float32Array[]> {
    const buffers = [optimizer.momentumBuffer, optimizer.expAvg, optimizer.expAvgSq].filter((b) => b !== null);
    return readBack(
      device,
      'test.state',
      buffers.map((source) => ({ source, length })),
    );
  }

  async function compareTrial({ config, changes = {}, resetBefore }: Trial, sizes = SIZES, steps = STEPS) {
    const { length } = packedLayout(sizes);
    const initial = packedNormal(1, sizes, 1);
    const params = uploadBuffer(device, 'test.params', initial);
    const grads = createStorageBuffer(device, 'test.grads', length * 4);
    const optimizer = new Optimizer(device, length, { params, grads }, config, 'test.Optimizer');
    const reference = new ReferenceOptimizer(length, resolveOptimizerConfig(config));
    const want = Float64Array.from(initial);
    let got = initial;
    for (let step = 1; step <= steps; step++) {
      if (changes[step]) {
        optimizer.setHyperparameters(changes[step]);
        reference.hyperparameters = resolveOptimizerConfig(changes[step]);
      }
      if (step === resetBefore) {
        optimizer.reset();
        reference.reset();
        for (const state of await readState(optimizer, length)) expect(state.every((x) => x === 0)).toBe(true);
      }
      const g = packedNormal(100 + step, sizes, 2);
      device.queue.writeBuffer(grads, 0, g);
      got = await stepOnGpu(optimizer, params, length);
      reference.step(want, g);
      expectClose(got, want, PARAM_TOL, `params after step ${step}`);
    }
    const { sgd, adam } = reference;
    const names = optimizer.kind === 'sgd' ? ['momentumBuffer'] : ['expAvg', 'expAvgSq'];
    const wantState = optimizer.kind === 'sgd' ? [sgd.momentumBuffer ?? new Float64Array(length)] : [adam.expAvg, adam.expAvgSq];
    const gotState = await readState(optimizer, length);
    for (const [i, want] of wantState.entries()) expectClose(gotState[i], want, STATE_TOL, names[i]);
    optimizer.destroy();
    params.destroy();
    grads.destroy();
    return { got, gotState };
  }

  it.each(TRIALS)('%s', async (_name, trial) => {
    const { got, gotState } = await compareTrial(trial);
    // Padding holds +0 exactly, in the parameters and in every state buffer.
    for (const i of paddingIndices(SIZES)) {
      expect(Object.is(got[i], 0), `params[${i}] is padding`).toBe(true);
      for (const state of gotState) expect(Object.is(state[i], 0), `state[${i}] is padding`).toBe(true);
    }
  });

  it('updates a million floats in one dispatch', async () => {
    await compareTrial({ config: { kind: 'adamw', lr: 0.01, weightDecay: 0.1 } }, [1_000_003], 2);
  });

  it('counts steps and restarts the count on reset()', async () => {
    const [params, grads] = [createStorageBuffer(device, 'test.params', 16), createStorageBuffer(device, 'test.grads', 16)];
    const optimizer = new Optimizer(device, 4, { params, grads }, { kind: 'adam', lr: 1e-3 });
    await stepOnGpu(optimizer, params, 4);
    await stepOnGpu(optimizer, params, 4);
    expect(optimizer.step).toBe(2);
    optimizer.reset();
    expect(optimizer.step).toBe(0);
    optimizer.destroy();
    params.destroy();
    grads.destroy();
  });
});
