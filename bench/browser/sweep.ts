// A sweep step: R runs of 2→64→64→3 ReLU, batch 256, Adam (lrs on a log grid), cross-entropy 'mean'.
// One call is one step of every run. Ours: BatchedGpuMlp, every run in one submit of 11 dispatches;
// beside it the same runs as R GpuMlps stepped one after another (R submits), and, for 16 runs,
// tfjs-webgpu stepping R ordinary tfjs models one after another. model-steps/s = R × steps/s.
import { initialParameters } from '../../src/engine/model/init';
import { mlpLayout } from '../../src/engine/model/layout';
import { normalArray, seededRandom } from '../../src/engine/random';
import { BatchedGpuMlp } from '../../src/engine/sweep/batchedGpuMlp';
import { runSetup } from '../../src/engine/sweep/checkBatchedSetup';
import type { BatchedTrainingSetup } from '../../src/engine/sweep/types';
import { GpuMlp } from '../../src/engine/train/gpuMlp';
import { denseVariantFor } from '../../src/gpu/kernels/dense';
import { countDispatches } from '../countDispatches';
import type { Contender } from './measure';
import { OURS } from './names';
import { type TfjsProgram, tfjsContender } from './tfjsContenders';
import { tfjsMlp } from './tfjsMlp';
import type { Workload } from './workload';

const BATCH = 256;
const WIDTHS = [2, 64, 64, 3];
/** The contender that steps R GpuMlps one after another. */
export const SEQUENTIAL = 'ours, R × GpuMlp one after another';

function sweepSetup(runs: number): BatchedTrainingSetup {
  const layout = mlpLayout({ inputs: WIDTHS[0], hidden: WIDTHS.slice(1, -1), classes: WIDTHS[WIDTHS.length - 1], activation: 'relu' });
  return {
    layout,
    batch: BATCH,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 1),
    runs: Array.from({ length: runs }, (_, r) => ({
      optimizer: { kind: 'adam' as const, lr: 1e-4 * 10 ** ((3 * r) / runs) },
      loss: { labelSmoothing: 0, reduction: 'mean' as const, ignoreIndex: -100 },
    })),
  };
}

export function sweepWorkload(device: GPUDevice, runs: number): Workload {
  const random = seededRandom(3);
  const x = normalArray(random, BATCH * WIDTHS[0]);
  const y = Int32Array.from({ length: BATCH }, () => random.int(WIDTHS[WIDTHS.length - 1]));
  const setup = sweepSetup(runs);
  const variant = denseVariantFor(device);
  const batched: Contender = {
    name: OURS,
    async prepare() {
      const sweep = new BatchedGpuMlp(device, setup, `bench.sweep${runs}`, variant);
      return {
        async run(steps) {
          for (let s = 0; s < steps; s++) sweep.step(x, y);
          await sweep.lastLosses();
        },
        dispose: () => sweep.destroy(),
      };
    },
  };
  const sequential: Contender = {
    name: SEQUENTIAL,
    async prepare() {
      const singles = setup.runs.map((_, r) => new GpuMlp(device, runSetup(setup, r), `bench.sweepSingle${r}`, variant));
      return {
        async run(steps) {
          for (let s = 0; s < steps; s++) for (const single of singles) single.step(x, y);
          await Promise.all(singles.map((single) => single.lastLoss()));
        },
        dispose: () => {
          for (const single of singles) single.destroy();
        },
      };
    },
  };
  // R ordinary tfjs models, each stepped once per call.
  const theirs = (): TfjsProgram => {
    const programs = setup.runs.map((_, r) => tfjsMlp(WIDTHS, BATCH, x, y, 1 + r));
    return {
      call: () => programs.flatMap((program) => program.call()),
      dispose: () => {
        for (const program of programs) program.dispose();
      },
    };
  };
  return {
    name: `Sweep step, ${runs} runs of ${WIDTHS.join('→')}, batch ${BATCH}, Adam`,
    perStep: true,
    contenders: [batched, sequential, ...(runs <= 16 ? [tfjsContender('webgpu', theirs)] : [])],
    async extra() {
      const sweep = new BatchedGpuMlp(device, setup, 'bench.sweep.counted', variant);
      const single = new GpuMlp(device, runSetup(setup, 0), 'bench.sweep.countedSingle', variant);
      const oursDispatchesPerStep = countDispatches(device, (pass) => sweep.encodeStep(pass));
      const sequentialDispatchesPerStep = runs * countDispatches(device, (pass) => single.encodeStep(pass));
      sweep.destroy();
      single.destroy();
      return { runs, oursDispatchesPerStep, sequentialDispatchesPerStep };
    },
  };
}
