// Cross-entropy forward + backward, N rows × C classes: index targets, reduction 'mean', no class
// weights (ours gets a weight buffer of ones), no label smoothing — tfjs's defaults, like for like.
import * as tf from '@tensorflow/tfjs-core';
import { normalArray, seededRandom } from '../../src/engine/random';
import { createStorageBuffer, uploadBuffer } from '../../src/gpu/buffers';
import { adapterFacts, classBucket } from '../../src/gpu/kernelChoice';
import { CROSS_ENTROPY_FAMILY, type CrossEntropyVariant, crossEntropyVariants } from '../../src/gpu/kernels/cross_entropy';
import { CrossEntropy } from '../../src/index';
import { type GpuKernel, gpuContender } from './gpuContenders';
import { OURS_VARIANT } from './names';
import type { TfjsProgram } from './tfjsContenders';
import { kernelContenders, type Workload } from './workload';

export function crossEntropyCase(n: number, c: number): { logits: Float32Array; labels: Int32Array } {
  const random = seededRandom(n + c);
  return { logits: normalArray(random, n * c), labels: Int32Array.from({ length: n }, () => random.int(c)) };
}

/** The variant the engine's rule picks for C here (docs/kernels.md, "Variants per adapter"). */
function enginesVariant(device: GPUDevice, c: number): CrossEntropyVariant {
  return CROSS_ENTROPY_FAMILY.rule(adapterFacts(device.adapterInfo), classBucket(c));
}

/** Our cross-entropy as the bench runs it: index targets, 'mean', a weight buffer of ones, ε = 0. */
export function crossEntropyKernel(
  device: GPUDevice,
  n: number,
  c: number,
  { logits, labels }: { logits: Float32Array; labels: Int32Array },
  variant = enginesVariant(device, c),
): GpuKernel {
  const buffers = {
    logits: uploadBuffer(device, 'bench.crossEntropy.logits', logits),
    target: uploadBuffer(device, 'bench.crossEntropy.target', labels),
    weight: uploadBuffer(device, 'bench.crossEntropy.weight', new Float32Array(c).fill(1)),
    rowLoss: createStorageBuffer(device, 'bench.crossEntropy.rowLoss', n * 4),
    grad: createStorageBuffer(device, 'bench.crossEntropy.grad', n * c * 4),
    loss: createStorageBuffer(device, 'bench.crossEntropy.loss', 4),
  };
  const options = { ignoreIndex: -100, reduction: 'mean', labelSmoothing: 0 } as const;
  const shape = { rows: n, classes: c, targetKind: 'index' } as const;
  const kernel = new CrossEntropy(device, shape, buffers, options, `bench.CrossEntropy.${variant}`, variant);
  return {
    encode: (pass) => kernel.encode(pass),
    result: buffers.loss,
    output: { source: buffers.grad, length: n * c },
    destroy() {
      kernel.destroy();
      for (const buffer of Object.values(buffers)) buffer.destroy();
    },
  };
}

export function crossEntropyWorkload(device: GPUDevice, n: number, c: number): Workload {
  const { logits, labels } = crossEntropyCase(n, c);
  const ours = (variant?: CrossEntropyVariant): GpuKernel => crossEntropyKernel(device, n, c, { logits, labels }, variant);
  const theirs = (): TfjsProgram => {
    const x = tf.tensor2d(logits, [n, c]);
    const oneHot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), c), 'float32'));
    const lossAndGrad = tf.valueAndGrad((l: tf.Tensor) => tf.losses.softmaxCrossEntropy(oneHot, l) as tf.Scalar);
    return {
      call() {
        const { value, grad } = lossAndGrad(x);
        return [value, grad];
      },
      dispose() {
        x.dispose();
        oneHot.dispose();
      },
    };
  };
  return {
    name: `cross-entropy fwd+bwd ${n}×${c}`,
    bytes: 8 * n * c,
    check: 'loss and gradient',
    contenders: [
      ...kernelContenders(device, 'bench.crossEntropy', () => ours(), theirs, { input: logits, rows: n, classes: c, sumRows: true }),
      ...crossEntropyVariants(device).map((variant) =>
        gpuContender(device, `${OURS_VARIANT} ${variant}`, `bench.crossEntropy.${variant}`, () => ours(variant), 'batched'),
      ),
    ],
  };
}
