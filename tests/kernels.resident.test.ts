// The GPU-resident kernels as the trainer will use them: buffers stay on the GPU, work is encoded
// into the caller's pass, and options change between submits without re-creating anything.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CrossEntropy, NtXent, ReduceSum } from '../src';
import { createCpuEngine } from '../src/engine/cpuEngine';
import { normalArray } from '../src/engine/random';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { createNtXentBuffers } from '../src/gpu/kernels/nt_xent';
import { hasAdapter, testDevice } from './setup/gpu';
import { expectClose } from './support/compare';
import { crossEntropyCase } from './support/random';

const available = await hasAdapter();
// Same tolerances, and reasons, as cross_entropy.gpu.test.ts and nt_xent.gpu.test.ts.
const LOSS_TOL = { atol: 5e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };

describe.skipIf(!available)('GPU-resident kernels', () => {
  let device: GPUDevice;
  const reference = createCpuEngine();
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  async function run(kernel: { encode(pass: GPUComputePassEncoder): void }, outputs: { source: GPUBuffer; length: number }[]) {
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    kernel.encode(pass);
    pass.end();
    return readBack(device, 'test', outputs, encoder);
  }

  it('cross-entropy follows live changes of reduction, smoothing and ignoreIndex', async () => {
    const args = crossEntropyCase(3, { n: 50, c: 6, weighted: true });
    const { n, c } = args;
    const buffers = {
      logits: uploadBuffer(device, 'logits', args.logits),
      target: uploadBuffer(device, 'target', args.target),
      weight: uploadBuffer(device, 'weight', args.weight as Float32Array),
      rowLoss: createStorageBuffer(device, 'rowLoss', n * 4),
      grad: createStorageBuffer(device, 'grad', n * c * 4),
      loss: createStorageBuffer(device, 'loss', 4),
    };
    const target = args.target as Int32Array;
    const kernel = new CrossEntropy(device, { rows: n, classes: c, targetKind: 'index' }, buffers, {
      ignoreIndex: -100,
      reduction: 'mean',
      labelSmoothing: 0,
    });
    const settings = [
      { ignoreIndex: -100, reduction: 'mean', labelSmoothing: 0 },
      { ignoreIndex: target[0], reduction: 'mean', labelSmoothing: 0.2 },
      { ignoreIndex: target[1], reduction: 'none', labelSmoothing: 0.1 },
      { ignoreIndex: -100, reduction: 'sum', labelSmoothing: 0.4 },
      { ignoreIndex: target[2], reduction: 'mean', labelSmoothing: 0 },
    ] as const;
    for (const options of settings) {
      kernel.setOptions(options);
      const lossSource = options.reduction === 'none' ? { source: buffers.rowLoss, length: n } : { source: buffers.loss, length: 1 };
      const [loss, grad] = await run(kernel, [lossSource, { source: buffers.grad, length: n * c }]);
      const want = await reference.crossEntropy({ ...args, ...options });
      expectClose(loss, want.loss, LOSS_TOL, `loss with ${JSON.stringify(options)}`);
      expectClose(grad, want.grad, GRAD_TOL, `grad with ${JSON.stringify(options)}`);
    }
  });

  it('ReduceSum of squares gives squared norms, with IEEE specials', async () => {
    const cases: [number[], number][] = [
      [[3, 4], 25],
      [Array.from({ length: 1000 }, () => 0.1), 10], // 1000 × 0.01: Kahan keeps it to ~1 ulp
      [[1, -Infinity], Infinity],
      [[1, Number.NaN, Infinity], Number.NaN],
      [[1e20, 1e20], Infinity], // the square overflows f32
    ];
    for (const [values, expected] of cases) {
      const source = uploadBuffer(device, 'values', Float32Array.from(values));
      const result = createStorageBuffer(device, 'result', 4);
      const sum = new ReduceSum(device, 'squares', values.length, { values: source, result, divisor: { constant: 1 } }, false, true);
      const [[got]] = await run(sum, [{ source: result, length: 1 }]);
      expectClose([got], [expected], { atol: 0, rtol: 1e-6 }, `Σx² of ${values.length} values`);
      sum.destroy();
    }
  });

  it('NT-Xent follows live changes of temperature and reduction', async () => {
    const rows = 24;
    const dim = 8;
    const z = normalArray(seededRandomFor(9), rows * dim);
    const buffers = createNtXentBuffers(device, 'test.ntXent', z, { rows, dim });
    const kernel = new NtXent(device, { rows, dim }, buffers, { temperature: 1, reduction: 'mean' });
    for (const options of [
      { temperature: 0.1, reduction: 'mean' },
      { temperature: 2, reduction: 'sum' },
      { temperature: 0.5, reduction: 'none' },
    ] as const) {
      kernel.setOptions(options);
      const lossSource = options.reduction === 'none' ? { source: buffers.rowLoss, length: rows } : { source: buffers.loss, length: 1 };
      const [loss, grad] = await run(kernel, [lossSource, { source: buffers.grad, length: rows * dim }]);
      const want = await reference.ntXent({ z, rows, dim, ...options });
      expectClose(loss, want.loss, LOSS_TOL, `loss with ${JSON.stringify(options)}`);
      expectClose(grad, want.grad, GRAD_TOL, `grad with ${JSON.stringify(options)}`);
    }
  });
});

import { seededRandom as seededRandomFor } from '../src/engine/random';
