// Every run's cross-entropy in the same dispatches equals the float64 reference with that run's
// options: class weights, smoothing, reduction, ignore_index, on shared targets and -inf logits.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createStorageBuffer, readBack, uploadBuffer } from '../../src/gpu/buffers';
import { CrossEntropyBatched, type RunLossOptions } from '../../src/gpu/kernels/cross_entropy_batched';
import { crossEntropyForwardBackward } from '../../src/reference/cross_entropy';
import { testDevice } from '../setup/gpu';
import { WEBGPU_MISSING } from '../support/backends';
import { expectClose } from '../support/compare';
import { seededRandom } from '../support/random';

// As tests/cross_entropy.gpu.test.ts: f32 exp/log are a few ulp and the sums Kahan-compensated.
const LOSS_TOL = { atol: 1e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 2e-6, rtol: 1e-5 };

const N = 300; // more than one 256-row partial
const C = 5;
const RUNS: RunLossOptions[] = [
  { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
  { labelSmoothing: 0.1, reduction: 'mean', ignoreIndex: -100, classWeights: Float32Array.from([1, 3, 0.5, 2, 1]) },
  { labelSmoothing: 0, reduction: 'sum', ignoreIndex: 2, classWeights: Float32Array.from([0.2, 1, 1, 4, 1]) },
  { labelSmoothing: 0.3, reduction: 'none', ignoreIndex: -100 },
];

describe.skipIf(WEBGPU_MISSING)('CrossEntropyBatched', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  it('gives each of 4 runs the reference loss and gradient of its own options', async () => {
    const random = seededRandom(21);
    const runs = RUNS.length;
    const logits = Float32Array.from({ length: runs * N * C }, () => 3 * random.normal());
    logits[1 * N * C + 7 * C + 1] = Number.NEGATIVE_INFINITY; // run 1, row 7: a class ruled out
    // Valid classes only: run 2 ignores class 2's rows, the others ignore none (-100 would be an
    // out-of-range class for a run whose ignore_index is 2).
    const target = Int32Array.from({ length: N }, () => random.int(C));
    const logitsBuffer = uploadBuffer(device, 'test.logits', logits);
    const grad = createStorageBuffer(device, 'test.grad', runs * N * C * 4);
    const shape = { runs, rows: N, classes: C, targetKind: 'index' as const };
    const ce = new CrossEntropyBatched(
      device,
      shape,
      { logits: logitsBuffer, target: uploadBuffer(device, 'test.target', target), grad },
      RUNS,
    );
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    ce.encode(pass);
    ce.encodeLossReduction(pass);
    pass.end();
    const [grads, losses, rowLosses] = await readBack(
      device,
      'test.read',
      [
        { source: grad, length: runs * N * C },
        { source: ce.loss, length: runs },
        { source: ce.rowLoss, length: runs * N },
      ],
      encoder,
    );
    for (const [r, options] of RUNS.entries()) {
      const slice = (a: Float32Array, per: number) => a.subarray(r * per, (r + 1) * per);
      const call = {
        logits: slice(logits, N * C),
        n: N,
        c: C,
        target,
        targetKind: 'index' as const,
        weight: options.classWeights,
        ...options,
      };
      const want = crossEntropyForwardBackward(call);
      expectClose(slice(grads, N * C), want.grad, GRAD_TOL, `run ${r} gradient`);
      if (options.reduction === 'none') {
        expectClose(slice(rowLosses, N), want.loss, LOSS_TOL, `run ${r} row losses`);
        // The trainer's loss for 'none': Σ of the row losses.
        expectClose([losses[r]], [want.loss.reduce((a, b) => a + b, 0)], { atol: 1e-4, rtol: 1e-5 }, `run ${r} Σ row losses`);
      } else {
        expectClose([losses[r]], want.loss, LOSS_TOL, `run ${r} loss`);
      }
    }
    ce.destroy();
  });
});
