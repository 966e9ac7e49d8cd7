// One MLP training step, batch 256, Adam (lr 1e-3), cross-entropy 'mean': 2→64→64→10 ReLU (the
// playground's size, every dense variant too), and MNIST's 784→128→10 (random pixels: the cost of a
// step does not depend on their values). Ours: GpuMlp, one submit per step; a run of K steps ends with
// one loss readback.
import * as tf from '@tensorflow/tfjs-core';
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';
import { normalArray, seededRandom } from '../../src/engine/random';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { DENSE_VARIANTS, type DenseVariant, denseVariantFor } from '../../src/gpu/kernels/dense';
import { countDispatches } from '../countDispatches';
import type { Contender } from './measure';
import { OURS, OURS_SINGLE, OURS_VARIANT } from './names';
import { tfjsContender } from './tfjsContenders';
import { tfjsMlp } from './tfjsMlp';
import type { Workload } from './workload';

const BATCH = 256;
const WIDTHS = [2, 64, 64, 10];
export const MNIST_WIDTHS = [784, 128, 10];

function gpuMlp(device: GPUDevice, widths: number[], label: string, variant: DenseVariant): GpuMlp {
  const layout = mlpLayout({ inputs: widths[0], hidden: widths.slice(1, -1), classes: widths[widths.length - 1], activation: 'relu' });
  return new GpuMlp(
    device,
    {
      layout,
      batch: BATCH,
      targetKind: 'index',
      initialParameters: initialParameters(layout, 'kaiming', 1),
      optimizer: { kind: 'adam', lr: 1e-3 },
      loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
    },
    label,
    variant,
  );
}

/** `allVariants`: also each dense variant forced (for the 2→64→64→10 table in docs/benchmarks.md). */
export function mlpWorkload(device: GPUDevice, widths = WIDTHS, allVariants = true): Workload {
  const random = seededRandom(3);
  const x = normalArray(random, BATCH * widths[0]);
  const y = Int32Array.from({ length: BATCH }, () => random.int(widths[widths.length - 1]));
  const tag = widths.join('-');
  // With no variant, as the engine's trainer runs: it answers on 4×4 tiles, which compile fastest
  // (the first result), and moves to the adapter's once they have compiled (settle; the reps).
  const ours = (name: string, label: string, stepsPerReadback: 'all' | 1, variant?: DenseVariant): Contender => ({
    name,
    ...(stepsPerReadback === 1 ? { sameSingleCallAs: OURS } : {}),
    async prepare() {
      const mlp = gpuMlp(device, widths, label, variant ?? 'tile4');
      return {
        async run(steps) {
          for (let s = 0; s < steps; s++) {
            mlp.step(x, y);
            if (stepsPerReadback === 1) await mlp.lastLoss();
          }
          if (stepsPerReadback === 'all') await mlp.lastLoss();
        },
        settle: () => mlp.switchDenseVariant(variant ?? denseVariantFor(device)),
        dispose: () => mlp.destroy(),
      };
    },
  });
  const theirs = () => tfjsMlp(widths, BATCH, x, y, 1);
  return {
    name: `MLP step ${widths.join('→')}, batch ${BATCH}, Adam`,
    perStep: true,
    contenders: [
      ours(OURS, `bench.mlp${tag}.batched`, 'all'),
      ours(OURS_SINGLE, `bench.mlp${tag}.single`, 1),
      // Every dense variant, for the table of kernel variants in docs/benchmarks.md.
      ...(allVariants
        ? DENSE_VARIANTS.map((variant) => ours(`${OURS_VARIANT} ${variant}`, `bench.mlp${tag}.${variant}`, 'all', variant))
        : []),
      tfjsContender('webgpu', theirs),
      tfjsContender('cpu', theirs),
    ],
    async extra() {
      const counted = gpuMlp(device, widths, `bench.mlp${tag}.counted`, denseVariantFor(device));
      const oursDispatchesPerStep = countDispatches(device, (pass) => counted.encodeStep(pass));
      counted.destroy();
      // tfjs: kernels one step runs, from tf.profile (a few, such as reshapes, dispatch nothing).
      await tf.setBackend('webgpu');
      const program = theirs();
      const profile = await tf.profile(() => program.call()[0]);
      tf.dispose(profile.result as tf.Tensor);
      program.dispose();
      return { oursDispatchesPerStep, tfjsWebgpuKernelsPerStep: profile.kernels.length };
    },
  };
}
