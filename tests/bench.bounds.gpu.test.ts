// The bench's bounds stand in for "the least a kernel must do", so they must do it: the bare softmax
// (bench/bareSoftmax.ts) writes softmax(x) in each of its four forms (straight-line or loops, scalar
// or vec4 loads), and with sumRows also the mean over rows of log Σ exp, through its own reduction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareSoftmax } from '../bench/bareSoftmax';
import { normalArray } from '../src/engine/random';
import { readBack, uploadBuffer } from '../src/gpu/buffers';
import { logSoftmaxForward } from '../src/reference/log_softmax';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { seededRandom } from './support/random';

// f32 exp and a plain (uncompensated) f32 sum over at most 1000 terms of at most 1.
const SOFTMAX_TOL = { atol: 1e-6, rtol: 1e-5 };
// The mean of f32 log Σ exp values of about 7, summed over 33–300 rows.
const SUM_TOL = { atol: 1e-5, rtol: 1e-6 };

describe.skipIf(WEBGPU_MISSING)('bench bounds: the bare softmax', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  // C = 10 straight-line scalar, 12 straight-line vec4, 37 loops with a scalar tail, 1000 loops vec4.
  it.each([
    [300, 10],
    [64, 12],
    [45, 37],
    [33, 1000],
  ])('%i×%i: softmax, and the mean log Σ exp with sumRows', async (rows, classes) => {
    const x = normalArray(seededRandom(rows * classes), rows * classes);
    const logp = logSoftmaxForward(x, rows, classes);
    // log Σ exp of a row = x − log p at any of its entries.
    const lse = Array.from({ length: rows }, (_, row) => x[row * classes] - logp[row * classes]);
    const softmax = Array.from(logp, Math.exp);
    const input = uploadBuffer(device, 'test.bareSoftmax.input', x);
    for (const sumRows of [false, true]) {
      const kernel = bareSoftmax(device, input, rows, classes, sumRows);
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernel.encode(pass);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const [output] = await readBack(device, 'test.bareSoftmax.output', [{ source: kernel.output, length: rows * classes }]);
      expectClose(output, softmax, SOFTMAX_TOL, `softmax, sumRows ${sumRows}`);
      if (sumRows) {
        expect(kernel.sum).not.toBeNull();
        const [sum] = await readBack(device, 'test.bareSoftmax.sum', [{ source: kernel.sum as GPUBuffer, length: 1 }]);
        expectClose(sum, [lse.reduce((a, b) => a + b, 0) / rows], SUM_TOL, 'mean log Σ exp');
      } else {
        expect(kernel.sum).toBeNull();
      }
      kernel.destroy();
    }
    input.destroy();
  });
});
