// A trainer the device cannot hold is refused by name before any buffer exists, and a GPU error in
// a step becomes a thrown error at the next read, never a number (issue 20, item 1: NT-Xent with
// batchSize 4096 trained on zeros and reported "loss 0.0000").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { trainerBuffers } from '../../src/engine/train/trainerLimits';
import type { MlpTrainingSetup } from '../../src/engine/train/types';
import { createWebGpuEngine } from '../../src/engine/webgpuEngine';
import { GpuWorkError } from '../../src/gpu/errorScopes';
import { DeviceLimitError } from '../../src/gpu/limits';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';

function contrastiveSetup(rows: number): MlpTrainingSetup {
  const layout = mlpLayout({ inputs: 2, hidden: [8], classes: 4, activation: 'relu' });
  return {
    layout,
    batch: rows,
    targetKind: 'index',
    objective: 'nt-xent',
    initialParameters: initialParameters(layout, 'kaiming', 1),
    optimizer: { kind: 'sgd', lr: 0.1 },
    loss: { temperature: 0.5, reduction: 'mean', labelSmoothing: 0, ignoreIndex: -100 },
  };
}

describe.skipIf(WEBGPU_MISSING)('trainers within the device limits', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice(); // WebGPU's default limits: 128 MiB per storage binding
  });
  afterAll(() => device.destroy());

  it('refuses an NT-Xent batch whose similarity matrix is over the limit, naming buffer, bytes, limit and the largest batch', () => {
    expect(device.limits.maxStorageBufferBindingSize).toBe(128 * 2 ** 20);
    // batchSize 4096 samples = 8192 rows (two views): an 8192² float32 matrix is 256 MiB.
    const create = () => createWebGpuEngine(device, 'test').createTrainer(contrastiveSetup(8192));
    expect(create).toThrow(DeviceLimitError);
    expect(create).toThrow(
      'batch: a batch of 8192 rows (two views of 4096 samples) needs a 256 MiB similarity matrix ("Mlp.similarity", 268435456 bytes); ' +
        'this device allows 128 MiB per buffer (maxStorageBufferBindingSize 134217728 bytes): use batch ≤ 5792 rows (a batchSize of at most 2896 samples, two views each)',
    );
    try {
      create();
    } catch (error) {
      const limit = error as DeviceLimitError;
      expect([limit.argument, limit.buffer, limit.bytes, limit.limit]).toEqual(['batch', 'similarity', 268435456, 134217728]);
    }
  });

  it('accepts the largest batch it names', async () => {
    // 5792² × 4 bytes = 134,193,152 ≤ 134,217,728; one step must run and give a finite loss.
    const trainer = new GpuMlp(device, contrastiveSetup(5792));
    try {
      trainer.step(Float32Array.from({ length: 5792 * 2 }, (_, i) => Math.sin(i)));
      expect(Number.isFinite(await trainer.lastLoss())).toBe(true);
    } finally {
      trainer.destroy();
    }
  }, 120_000);

  it.each([
    ['nt-xent', contrastiveSetup(64)],
    ['cross-entropy with probabilities', { ...contrastiveSetup(48), objective: undefined, targetKind: 'probs' as const }],
  ])('checks the buffers the trainer creates (%s): each planned one at its size, and none larger', (_what, setup) => {
    const sizes = new Map<string, number>();
    const createBuffer = device.createBuffer;
    device.createBuffer = (descriptor: GPUBufferDescriptor) => {
      sizes.set(descriptor.label ?? '', descriptor.size);
      return createBuffer.call(device, descriptor);
    };
    try {
      new GpuMlp(device, setup).destroy();
    } finally {
      device.createBuffer = createBuffer;
    }
    const planned = trainerBuffers(setup).map((b) => {
      const floats = b.perRow * setup.batch + b.perRowSquared * setup.batch ** 2 + b.fixed;
      return [`Mlp.${b.name}`, Math.max(16, Math.ceil((floats * 4) / 16) * 16)] as const;
    });
    for (const [label, bytes] of planned) expect(sizes.get(label), label).toBe(bytes);
    // Gradients and optimizer state mirror planned buffers; nothing created is larger than the plan's largest.
    expect(Math.max(...sizes.values())).toBe(Math.max(...planned.map(([, bytes]) => bytes)));
  });

  it('turns a validation error in a step into a rejected read, never a number', async () => {
    const trainer = new GpuMlp(device, contrastiveSetup(8));
    try {
      trainer.params.destroy(); // a deliberate validation error: the step submits a destroyed buffer
      trainer.step(new Float32Array(16));
      await expect(trainer.lastLoss()).rejects.toThrow(GpuWorkError);
      await expect(trainer.lastLoss()).rejects.toThrow(/^Mlp: the GPU rejected the work \(validation error\): /);
      await expect(trainer.sampleLoss()).rejects.toThrow(GpuWorkError);
      await expect(trainer.predict(new Float32Array(2), 1)).rejects.toThrow(GpuWorkError);
    } finally {
      trainer.destroy();
    }
  });
});

describe.skipIf(WEBGPU_MISSING)('a trainer whose device is gone', () => {
  it('fails its reads with a named error saying so, not an empty AbortError', async () => {
    const device = await testDevice();
    const trainer = new GpuMlp(device, contrastiveSetup(8));
    trainer.step(new Float32Array(16));
    device.destroy();
    await expect(trainer.lastLoss()).rejects.toThrow(GpuWorkError);
    await expect(trainer.parameters()).rejects.toThrow(/^Mlp: the GPU device is gone \(destroyed .*\): create a new engine and trainer$/);
    trainer.destroy();
  });
});
