// The trainers: the GPU step equals the float64 reference step, and both learn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../src/core/optimizerConfig';
import { generateDataset } from '../../src/engine/data';
import { classificationMetrics } from '../../src/engine/metrics/classification';
import { initialParameters } from '../../src/engine/model/init';
import { type MlpConfig, mlpLayout } from '../../src/engine/model/layout';
import { CpuMlp } from '../../src/engine/train/cpuMlp';
import { GpuMlp, TrainerDestroyedError } from '../../src/engine/train/gpuMlp';
import type { MlpTrainer, MlpTrainingSetup } from '../../src/engine/train/types';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { expectClose } from '../support/compare';
import { probabilityRows, seededRandom } from '../support/random';

function setupFor(
  config: MlpConfig,
  batch: number,
  optimizer: OptimizerConfig,
  extra: Partial<MlpTrainingSetup['loss']> = {},
): MlpTrainingSetup {
  const layout = mlpLayout(config);
  return {
    layout,
    batch,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 7),
    optimizer,
    loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100, ...extra },
  };
}

function randomBatches(count: number, batch: number, inputs: number, classes: number) {
  const random = seededRandom(99);
  return Array.from({ length: count }, () => ({
    x: Float32Array.from({ length: batch * inputs }, () => random.normal()),
    y: Int32Array.from({ length: batch }, () => (random.next() < 0.1 ? -100 : random.int(classes))),
  }));
}

// After 5 steps the f32 GPU parameters differ from float64 by rounding carried through the steps:
// measured ≤ 1.2e-7 absolute (one f32 ulp of the parameters, |θ| < 1); 10× headroom.
const PARAMS_TOL = { atol: 1e-6, rtol: 1e-5 };

const CASES: [string, MlpConfig, OptimizerConfig, Partial<MlpTrainingSetup['loss']>][] = [
  [
    'ReLU, SGD with Nesterov momentum and weight decay, class weights, smoothing, ignored rows',
    { inputs: 5, hidden: [16, 12], classes: 4, activation: 'relu' },
    { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
    { classWeights: Float32Array.from([0.5, 2, 1, 3]), labelSmoothing: 0.1 },
  ],
  [
    'tanh, Adam, sum reduction',
    { inputs: 3, hidden: [8], classes: 3, activation: 'tanh' },
    { kind: 'adam', lr: 1e-3 },
    { reduction: 'sum' },
  ],
  [
    'GELU, AdamW, no hidden layer',
    { inputs: 6, hidden: [], classes: 5, activation: 'gelu' },
    { kind: 'adamw', lr: 1e-3, weightDecay: 0.05 },
    { labelSmoothing: 0.2 },
  ],
  [
    // PyTorch takes any real class weight; a negative one pushes its class's probability down.
    'ReLU, Adam, negative class weights with smoothing',
    { inputs: 4, hidden: [8], classes: 3, activation: 'relu' },
    { kind: 'adam', lr: 1e-2 },
    { classWeights: Float32Array.from([1.5, -0.5, 2]), labelSmoothing: 0.1 },
  ],
  ['sigmoid, plain SGD, two hidden layers', { inputs: 2, hidden: [9, 7], classes: 2, activation: 'sigmoid' }, { kind: 'sgd', lr: 0.5 }, {}],
];

describe.skipIf(WEBGPU_MISSING)('GpuMlp equals the float64 CpuMlp', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it.each(CASES)('after 5 steps: %s', async (_name, config, optimizer, loss) => {
    const setup = setupFor(config, 32, optimizer, loss);
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    for (const { x, y } of randomBatches(5, 32, config.inputs, config.classes)) {
      gpu.step(x, y);
      cpu.step(x, y);
    }
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
    expect(await gpu.lastLoss()).toBeCloseTo(await cpu.lastLoss(), 4);
    // The gradient norm sums ~1e3 squares in f32 (Kahan-compensated): relative error ~1e-6.
    expectClose([await gpu.lastGradientNorm()], [await cpu.lastGradientNorm()], { atol: 1e-6, rtol: 1e-5 }, 'gradient norm');
    gpu.destroy();
  });

  it('switches its dense layers from 4×4 to 16×16 tiles mid-run, as the engine does, and stays bit for bit on the 8×8 run', async () => {
    // Widths ≥ 16 and multiples of 4, so that the 16×16 kernels run (a batch of 40 overhangs them).
    const config: MlpConfig = { inputs: 8, hidden: [32, 20], classes: 16, activation: 'gelu' };
    const setup = setupFor(config, 40, { kind: 'adam', lr: 1e-2 });
    const [switched, steady] = [new GpuMlp(device, setup, 'switched', 'tile4'), new GpuMlp(device, setup, 'steady', 'tile8')];
    const batches = randomBatches(6, 40, config.inputs, config.classes);
    for (const { x, y } of batches.slice(0, 3)) {
      for (const mlp of [switched, steady]) mlp.step(x, y);
    }
    switched.setBatchSize(33); // the new layers must take the batch size in force
    steady.setBatchSize(33);
    await switched.switchDenseVariant('tile16');
    expect([switched.denseVariant, steady.denseVariant]).toEqual(['tile16', 'tile8']);
    for (const { x, y } of batches.slice(3)) {
      for (const mlp of [switched, steady]) mlp.step(x.subarray(0, 33 * 8), y.subarray(0, 33));
    }
    expect(await switched.parameters()).toEqual(await steady.parameters());
    expect(await switched.predict(batches[0].x, 40)).toEqual(await steady.predict(batches[0].x, 40));
    switched.destroy();
    steady.destroy();
  });

  it('after 5 steps with probability targets (weights, smoothing)', async () => {
    const config: MlpConfig = { inputs: 4, hidden: [12], classes: 3, activation: 'relu' };
    const setup = {
      ...setupFor(config, 20, { kind: 'adam', lr: 0.01 }, { classWeights: Float32Array.from([1, 2, 0.5]), labelSmoothing: 0.1 }),
      targetKind: 'probs' as const,
    };
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    for (const { x } of randomBatches(5, 20, config.inputs, config.classes)) {
      const y = probabilityRows(seededRandom(x.length), 20, config.classes);
      gpu.step(x, y);
      cpu.step(x, y);
    }
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
    gpu.destroy();
  });

  it('after 5 steps with the NT-Xent objective (two views per sample)', async () => {
    const config: MlpConfig = { inputs: 3, hidden: [16], classes: 6, activation: 'tanh' };
    const setup = { ...setupFor(config, 24, { kind: 'adam', lr: 0.01 }, { temperature: 0.2 }), objective: 'nt-xent' as const };
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    for (const { x } of randomBatches(5, 24, config.inputs, config.classes)) {
      gpu.step(x);
      cpu.step(x);
    }
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
    expect(await gpu.lastLoss()).toBeCloseTo(await cpu.lastLoss(), 4);
    gpu.setLoss({ ...setup.loss, temperature: 1 }); // live temperature change
    cpu.setLoss({ ...setup.loss, temperature: 1 });
    const [{ x }] = randomBatches(1, 24, config.inputs, config.classes);
    gpu.step(x);
    cpu.step(x);
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters after a temperature change');
    gpu.destroy();
  });

  it.each(['cross-entropy', 'nt-xent'] as const)(
    'follows live batch-size changes with %s, keeping parameters and state',
    async (objective) => {
      const config: MlpConfig = { inputs: 3, hidden: [10], classes: 4, activation: 'relu' };
      const base = setupFor(config, 32, { kind: 'adam', lr: 0.01 }, { classWeights: Float32Array.from([1, 2, 1, 0.5]), temperature: 0.3 });
      const setup = { ...base, objective };
      const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
      for (const rows of [32, 12, 12, 32, 6]) {
        for (const t of [gpu, cpu]) t.setBatchSize(rows);
        const [{ x, y }] = randomBatches(1, rows, config.inputs, config.classes);
        gpu.step(x, y);
        cpu.step(x, y);
        expect(await gpu.lastLoss()).toBeCloseTo(await cpu.lastLoss(), 4);
      }
      expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
      expect(() => gpu.setBatchSize(33)).toThrow(/^batchSize: must be .* \(the trainer's capacity\), got 33/);
      if (objective === 'nt-xent')
        expect(() => cpu.setBatchSize(7)).toThrow(/^batchSize: must be even for nt-xent \(two views of each sample\), got 7/);
      gpu.destroy();
    },
  );

  it('predicts more rows than its capacity, in capacity-sized chunks, between steps of a smaller batch', async () => {
    const config: MlpConfig = { inputs: 2, hidden: [16], classes: 3, activation: 'gelu' };
    const setup = setupFor(config, 40, { kind: 'adam', lr: 0.01 });
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    for (const t of [gpu, cpu]) t.setBatchSize(8);
    const [{ x, y }] = randomBatches(1, 8, config.inputs, config.classes);
    const rows = 97; // two full chunks of 40 and a short one of 17
    const points = Float32Array.from({ length: rows * 2 }, (_, i) => Math.sin(i));
    gpu.step(x, y);
    cpu.step(x, y);
    // Forward only, f32 against float64 with |logits| < 10: a few ulps.
    expectClose(await gpu.predict(points, rows), await cpu.predict(points, rows), { atol: 1e-5, rtol: 1e-5 }, 'logits');
    // The step after a predict runs on the training batch of 8 again, not the chunk of 17.
    gpu.step(x, y);
    cpu.step(x, y);
    expect(await gpu.lastLoss()).toBeCloseTo(await cpu.lastLoss(), 5);
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
    gpu.destroy();
  });

  it('samples the loss through a readback ring without waiting, skipping when the ring is full', async () => {
    const config: MlpConfig = { inputs: 3, hidden: [8], classes: 3, activation: 'relu' };
    const setup = setupFor(config, 16, { kind: 'adam', lr: 0.01 });
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    const samples: (Promise<number> | null)[] = [];
    const expected: number[] = [];
    // No await between steps: the loop never waits, so the 3-slot ring fills and the rest are skipped.
    for (const { x, y } of randomBatches(5, 16, config.inputs, config.classes)) {
      gpu.step(x, y);
      cpu.step(x, y);
      samples.push(gpu.sampleLoss());
      expected.push(await cpu.lastLoss()); // the CPU reference's loss is plain arithmetic: nothing to wait for
    }
    expect(samples.map((s) => s !== null)).toEqual([true, true, true, false, false]);
    const values = await Promise.all(samples.slice(0, 3));
    // Each sample is the loss of the step it followed: f32 against float64 on a loss of ~1 agrees to
    // ~1e-7, so 5 decimals is safe, and a sample from another step would differ in the 3rd.
    for (const [k, value] of values.entries()) expect(value).toBeCloseTo(expected[k], 5);
    const again = gpu.sampleLoss(); // the slots are free again once read
    expect(again).not.toBeNull();
    await again;
    gpu.destroy();
  });

  it('drops an in-flight sample quietly when the trainer is destroyed (no unhandled rejection)', async () => {
    const config: MlpConfig = { inputs: 2, hidden: [4], classes: 2, activation: 'relu' };
    const gpu = new GpuMlp(device, setupFor(config, 8, { kind: 'sgd', lr: 0.1 }));
    const [{ x, y }] = randomBatches(1, 8, config.inputs, config.classes);
    gpu.step(x, y);
    expect(gpu.sampleLoss()).not.toBeNull(); // and dropped, as a loop that never waits may do
    gpu.destroy();
    // The abort of its mapAsync settles within a few turns; vitest fails the run on an unhandled rejection.
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('destroyed during a predict and a loss read: frees its buffers only after them, and submits nothing after destroy', async () => {
    const config: MlpConfig = { inputs: 2, hidden: [16], classes: 3, activation: 'relu' };
    const setup = setupFor(config, 16, { kind: 'adam', lr: 0.01 });
    const gpu = new GpuMlp(device, setup);
    const [{ x, y }] = randomBatches(1, 16, config.inputs, config.classes);
    const rows = 100; // 7 chunks of 16: destroy() lands while the first is read back
    const points = Float32Array.from({ length: rows * 2 }, (_, i) => Math.cos(i));
    device.pushErrorScope('validation');
    gpu.step(x, y);
    const sample = gpu.sampleLoss();
    const predicted = gpu.predict(points, rows);
    const released = gpu.destroy();
    // The rest of the predict is not submitted: it rejects by name, as every later call does.
    await expect(predicted).rejects.toThrow(TrainerDestroyedError);
    await expect(gpu.parameters()).rejects.toThrow('Mlp.parameters: the trainer was destroyed');
    expect(() => gpu.step(x, y)).toThrow(TrainerDestroyedError);
    // The loss read submitted before destroy() completes with a real value.
    expect(Number.isFinite(await sample)).toBe(true);
    await released;
    // No "used in submit while destroyed", no mapAsync on a destroyed buffer.
    expect(await device.popErrorScope()).toBeNull();
  });

  it('follows live changes of loss settings and optimizer', async () => {
    const config: MlpConfig = { inputs: 4, hidden: [10], classes: 3, activation: 'relu' };
    const setup = setupFor(config, 16, { kind: 'sgd', lr: 0.05, momentum: 0.5 });
    const [gpu, cpu] = [new GpuMlp(device, setup), new CpuMlp(setup)];
    const batches = randomBatches(6, 16, config.inputs, config.classes);
    const changes: ((t: MlpTrainer) => void)[] = [
      () => {},
      (t) => t.setLoss({ classWeights: Float32Array.from([1, 4, 0.5]), labelSmoothing: 0.3, reduction: 'mean', ignoreIndex: -100 }),
      (t) => t.setOptimizer({ kind: 'sgd', lr: 0.2, momentum: 0.9 }),
      (t) => t.setOptimizer({ kind: 'adam', lr: 0.01 }), // another kind: fresh state on both
      (t) => t.setLoss({ labelSmoothing: 0, reduction: 'sum', ignoreIndex: 1 }),
      () => {},
    ];
    for (const [k, { x, y }] of batches.entries()) {
      for (const t of [gpu, cpu]) {
        changes[k](t);
        t.step(x, y);
      }
    }
    expectClose(await gpu.parameters(), await cpu.parameters(), PARAMS_TOL, 'parameters');
    gpu.destroy();
  });
});

// The seed article's first experiment: a 3-arm spiral, 2→64→64→3, must reach ≥ 97% train accuracy
// within 3,000 full-batch Adam steps (both backends get there in about 500).
const spiral = generateDataset('spirals', { seed: 1, samples: 300, noise: 0.05, classes: 3 });
const spiralSetup = setupFor({ inputs: 2, hidden: [64, 64], classes: 3, activation: 'relu' }, 300, { kind: 'adam', lr: 0.01 });

async function stepsToLearnSpiral(trainer: MlpTrainer): Promise<number> {
  for (let step = 1; step <= 3000; step++) {
    trainer.step(spiral.features, spiral.labels);
    if (step % 250 === 0) {
      const { accuracy } = classificationMetrics(await trainer.predict(spiral.features, spiral.n), spiral.labels, 3);
      if (accuracy >= 0.97) return step;
    }
  }
  return Infinity;
}

describe('learning the 3-arm spiral', () => {
  it('on the CPU reference', async () => {
    expect(await stepsToLearnSpiral(new CpuMlp(spiralSetup))).toBeLessThanOrEqual(3000);
  });

  it.skipIf(WEBGPU_MISSING)('on WebGPU', async () => {
    const device = await testDevice();
    expect(await stepsToLearnSpiral(new GpuMlp(device, spiralSetup))).toBeLessThanOrEqual(3000);
    device.destroy();
  });
});

describe('loss settings are checked by name, at creation and in setLoss', () => {
  const config: MlpConfig = { inputs: 2, hidden: [4], classes: 3, activation: 'relu' };
  const bad: [string, Partial<MlpTrainingSetup['loss']>, RegExp][] = [
    ['class weights of the wrong length', { classWeights: Float32Array.from([1, 1]) }, /^classWeights: must have \[c\] = 3 entries, got 2/],
    ['a NaN class weight', { classWeights: Float32Array.from([1, Number.NaN, 1]) }, /^classWeights\[1\]: must be a finite number, got NaN/],
    ['label smoothing above 1', { labelSmoothing: 1.5 }, /^labelSmoothing: must be a number in \[0, 1\], got 1.5/],
    ['an unknown reduction', { reduction: 'avg' as 'mean' }, /^reduction: must be one of 'mean', 'sum', 'none', got the string "avg"/],
    ['an ignoreIndex that is not an integer', { ignoreIndex: 0.5 }, /^ignoreIndex: must be an integer/],
  ];
  it.each(bad)('CpuMlp refuses %s', (_name, loss, message) => {
    expect(() => new CpuMlp(setupFor(config, 4, { kind: 'sgd', lr: 0.1 }, loss))).toThrow(message);
    const trainer = new CpuMlp(setupFor(config, 4, { kind: 'sgd', lr: 0.1 }));
    expect(() => trainer.setLoss({ ...defaultLoss(), ...loss })).toThrow(message);
  });
  it.skipIf(WEBGPU_MISSING).each(bad)('GpuMlp refuses %s', async (_name, loss, message) => {
    const device = await testDevice();
    expect(() => new GpuMlp(device, setupFor(config, 4, { kind: 'sgd', lr: 0.1 }, loss))).toThrow(message);
    const trainer = new GpuMlp(device, setupFor(config, 4, { kind: 'sgd', lr: 0.1 }));
    expect(() => trainer.setLoss({ ...defaultLoss(), ...loss })).toThrow(message);
    trainer.destroy();
    device.destroy();
  });
});

function defaultLoss(): MlpTrainingSetup['loss'] {
  return { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 };
}
