// The WebGPU backend of the convenience API: upload, encode the GPU-resident kernels into one
// command buffer, read back. Pipelines are cached per device, so only buffers are made per call.

import { validateCrossEntropy, validateLogSoftmax, validateNtXent } from '../core/validate';
import { createStorageBuffer, readBack, uploadBuffer } from '../gpu/buffers';
import { GpuWorkError } from '../gpu/errorScopes';
import { type AdapterFacts, classBucket } from '../gpu/kernelChoice';
import { CROSS_ENTROPY_FAMILY, CrossEntropy } from '../gpu/kernels/cross_entropy';
import { DENSE_FAMILY } from '../gpu/kernels/dense';
import { LOG_SOFTMAX_FAMILY, LogSoftmax } from '../gpu/kernels/log_softmax';
import { createNtXentBuffers, NT_XENT_FAMILY, NtXent, ntXentBucket } from '../gpu/kernels/nt_xent';
import { checkBufferFits, checkRowsFit } from '../gpu/limits';
import { guardDestroyed } from './destroyGuard';
import { GpuMlp } from './train/gpuMlp';
import type { MlpTrainingSetup } from './train/types';
import { setupStepMacs, WARM_START_STEP_MACS, WarmStartTrainer } from './train/warmStartTrainer';
import type { CrossEntropyCall, Engine } from './types';

interface Disposable {
  destroy(): void;
}

interface OneShot {
  owned: Disposable[];
  encode: (pass: GPUComputePassEncoder) => void;
  outputs: { source: GPUBuffer; length: number }[];
}

/**
 * Builds buffers and kernels, runs them in one compute pass, reads the outputs back and frees
 * everything. Creation happens inside the error scopes, so a shader or pipeline error surfaces here.
 */
async function runOnce(device: GPUDevice, label: string, build: () => OneShot): Promise<Float32Array[]> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let shot: OneShot | null = null;
  let results: Promise<Float32Array[]> | null = null;
  let failure: unknown = null;
  try {
    shot = build();
    const encoder = device.createCommandEncoder({ label: `${label}.encoder` });
    const pass = encoder.beginComputePass({ label: `${label}.pass` });
    shot.encode(pass);
    pass.end();
    results = readBack(device, label, shot.outputs, encoder);
  } catch (error) {
    failure = error;
  }
  // Pop both scopes before yielding: calls run concurrently, and a scope belongs to whoever
  // pushed it last. Everything between push and pop above is synchronous.
  const [validationError, memoryError] = await Promise.all([device.popErrorScope(), device.popErrorScope()]);
  try {
    if (validationError || memoryError) {
      results?.catch(() => undefined); // the error below says what went wrong
      throw validationError
        ? new GpuWorkError(label, 'validation', validationError.message)
        : new GpuWorkError(label, 'out-of-memory', memoryError?.message ?? '');
    }
    if (failure || !results) throw failure;
    return await results;
  } finally {
    for (const item of shot?.owned ?? []) item.destroy();
  }
}

function crossEntropyBuffers(device: GPUDevice, label: string, call: CrossEntropyCall) {
  const { n, c } = call;
  return {
    logits: uploadBuffer(device, `${label}.logits`, call.logits),
    target: uploadBuffer(device, `${label}.target`, call.target),
    weight: uploadBuffer(device, `${label}.weight`, call.weight ?? new Float32Array(c).fill(1)),
    rowLoss: createStorageBuffer(device, `${label}.rowLoss`, n * 4),
    grad: createStorageBuffer(device, `${label}.grad`, n * c * 4),
    loss: createStorageBuffer(device, `${label}.loss`, 4),
  };
}

/**
 * 4×4 tiles compile fastest, so the first step comes soonest; the adapter's own tile shape follows
 * once its pipelines have compiled (SwiftShader: 16×16, whose matmuls run faster than 8×8, after
 * seconds of compiling in the background; docs/benchmarks.md, "Kernel variants").
 */
const FIRST_DENSE_VARIANT = 'tile4';

export function createWebGpuEngine(device: GPUDevice, adapterName: string, facts?: AdapterFacts): Engine {
  // The variant rules key on the adapter (src/gpu/kernelChoice.ts): one row per invocation on CPU adapters.
  const adapter = facts ?? { vendor: adapterName, architecture: '', device: '', description: '' };
  // A device lost meanwhile keeps 4×4; `lost` reports it.
  const createTrainer = (setup: MlpTrainingSetup): GpuMlp => {
    const trainer = new GpuMlp(device, setup, 'Mlp', FIRST_DENSE_VARIANT);
    trainer.switchDenseVariant(DENSE_FAMILY.rule(adapter, '')).catch(() => undefined);
    return trainer;
  };
  return guardDestroyed({
    backend: 'webgpu',
    adapterName,
    fallbackReason: null,

    async crossEntropy(args) {
      const call = validateCrossEntropy(args);
      const { n, c } = call;
      checkRowsFit(device, 'n', n);
      checkBufferFits(device, 'logits', n * c * 4, '[n, c] float32');
      const variant = CROSS_ENTROPY_FAMILY.rule(adapter, classBucket(c));
      const [loss, grad] = await runOnce(device, 'crossEntropy', () => {
        const buffers = crossEntropyBuffers(device, 'crossEntropy', call);
        const shape = { rows: n, classes: c, targetKind: call.targetKind };
        const kernel = new CrossEntropy(device, shape, buffers, call, 'CrossEntropy', variant);
        const loss = call.reduction === 'none' ? { source: buffers.rowLoss, length: n } : { source: buffers.loss, length: 1 };
        return {
          owned: [kernel, ...Object.values(buffers)],
          encode: (pass) => kernel.encode(pass),
          outputs: [loss, { source: buffers.grad, length: n * c }],
        };
      });
      return { loss, grad };
    },

    async ntXent(args) {
      const call = validateNtXent(args);
      const { rows, dim } = call;
      checkBufferFits(device, 'rows', rows * rows * 4, 'the [rows, rows] similarity matrix');
      checkBufferFits(device, 'z', rows * Math.ceil(dim / 4) * 16, '[rows, dim] float32 (padded to vec4)');
      const [loss, grad, similarity] = await runOnce(device, 'ntXent', () => {
        const buffers = createNtXentBuffers(device, 'ntXent', call.z, { rows, dim });
        const variant = NT_XENT_FAMILY.rule(adapter, ntXentBucket(rows));
        const kernel = new NtXent(device, { rows, dim }, buffers, call, 'ntXent', variant);
        const loss = call.reduction === 'none' ? { source: buffers.rowLoss, length: rows } : { source: buffers.loss, length: 1 };
        return {
          owned: [kernel, ...Object.values(buffers)],
          encode: (pass) => kernel.encode(pass),
          outputs: [loss, { source: buffers.grad, length: rows * dim }, { source: buffers.similarity, length: rows * rows }],
        };
      });
      return { loss, grad, similarity };
    },

    async logSoftmax(args) {
      const { logits, n, c } = validateLogSoftmax(args);
      checkRowsFit(device, 'n', n);
      checkBufferFits(device, 'logits', n * c * 4, '[n, c] float32');
      const variant = LOG_SOFTMAX_FAMILY.rule(adapter, classBucket(c));
      const [output] = await runOnce(device, 'logSoftmax', () => {
        const buffers = {
          logits: uploadBuffer(device, 'logSoftmax.logits', logits),
          output: createStorageBuffer(device, 'logSoftmax.output', n * c * 4),
        };
        const kernel = new LogSoftmax(device, { rows: n, classes: c }, buffers, 'logSoftmax', variant);
        return {
          owned: [kernel, ...Object.values(buffers)],
          encode: (pass) => kernel.encode(pass),
          outputs: [{ source: buffers.output, length: n * c }],
        };
      });
      return output;
    },

    createTrainer,
    // Small steps start on the CPU reference while the GPU trainer's pipelines compile off the
    // main thread (createComputePipelineAsync); larger ones wait for the GPU as before.
    createWarmStartTrainer: (setup, rows) => {
      if (setupStepMacs(setup, rows) > WARM_START_STEP_MACS) return createTrainer(setup);
      return new WarmStartTrainer(setup, async () => {
        await GpuMlp.precompile(device, setup, FIRST_DENSE_VARIANT);
        return createTrainer(setup);
      });
    },
    // Every run of a sweep in one step's dispatches; the adapter's tile shape, since a sweep is
    // about throughput (its compile is paid once per sweep, not before a page's first step).
    loadBatchedTrainer: async () => {
      const { BatchedGpuMlp } = await import('./sweep/batchedGpuMlp');
      return (setup) => new BatchedGpuMlp(device, setup, 'Sweep', DENSE_FAMILY.rule(adapter, ''));
    },
    lost: device.lost.then((info) =>
      info.reason === 'destroyed' ? 'the page closed the device' : info.message || 'the GPU device was lost',
    ),
    destroy() {
      device.destroy();
    },
  });
}
