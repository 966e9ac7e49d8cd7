// NT-Xent forward + backward, R = 2N rows × D dims, τ = 0.5, reduction 'mean' over the R rows;
// partner(i) = (i + N) mod 2N. tfjs: normalise, ẑẑᵀ/τ, the diagonal pushed to −1e9, softmax
// cross-entropy toward the partner — how one would write it in ordinary tfjs code.
import * as tf from '@tensorflow/tfjs-core';
import { normalArray, seededRandom } from '../../src/engine/random';
import { adapterFacts } from '../../src/gpu/kernelChoice';
import { createNtXentBuffers, NT_XENT_FAMILY, ntXentBucket } from '../../src/gpu/kernels/nt_xent';
import { NtXent } from '../../src/index';
import type { GpuKernel } from './gpuContenders';
import type { TfjsProgram } from './tfjsContenders';
import { kernelContenders, type Workload } from './workload';

const TEMPERATURE = 0.5;
const NORMALIZE_EPS = 1e-12; // F.normalize's, as in src/reference/nt_xent.ts
/** Added to the similarity's diagonal: exp() of it underflows to 0, as −inf would. */
const MASK = -1e9;

export function ntXentWorkload(device: GPUDevice, rows: number, dim: number): Workload {
  const z = normalArray(seededRandom(rows), rows * dim);
  const ours = (): GpuKernel => {
    const buffers = createNtXentBuffers(device, 'bench.ntXent', z, { rows, dim });
    const variant = NT_XENT_FAMILY.rule(adapterFacts(device.adapterInfo), ntXentBucket(rows)); // as the engine picks it
    const kernel = new NtXent(device, { rows, dim }, buffers, { temperature: TEMPERATURE, reduction: 'mean' }, 'bench.NtXent', variant);
    return {
      encode: (pass) => kernel.encode(pass),
      result: buffers.loss,
      output: { source: buffers.grad, length: rows * dim },
      destroy() {
        kernel.destroy();
        for (const buffer of Object.values(buffers)) buffer.destroy();
      },
    };
  };
  const theirs = (): TfjsProgram => {
    const input = tf.tensor2d(z, [rows, dim]);
    const partners = Int32Array.from({ length: rows }, (_, i) => (i + rows / 2) % rows);
    const target = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(partners, 'int32'), rows), 'float32'));
    const diagonal = tf.tidy(() => tf.mul(tf.eye(rows), MASK));
    const loss = (x: tf.Tensor) => {
      const unit = tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), NORMALIZE_EPS));
      const logits = tf.add(tf.div(tf.matMul(unit, unit, false, true), TEMPERATURE), diagonal);
      return tf.losses.softmaxCrossEntropy(target, logits) as tf.Scalar;
    };
    const lossAndGrad = tf.valueAndGrad(loss);
    return {
      call() {
        const { value, grad } = lossAndGrad(input);
        return [value, grad];
      },
      dispose() {
        input.dispose();
        target.dispose();
        diagonal.dispose();
      },
    };
  };
  return {
    name: `NT-Xent fwd+bwd 2N=${rows}, D=${dim}`,
    check: 'loss and gradient',
    contenders: kernelContenders(device, 'bench.ntXent', ours, theirs),
  };
}
