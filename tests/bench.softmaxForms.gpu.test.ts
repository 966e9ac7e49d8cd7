// The bench's other softmax forms (bench/softmaxForms.ts) are evidence about what a softmax costs,
// so each must compute what it claims: the forms softmax(x), the parts a row's max, its
// max + log Σexp, or a copy of x.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_OUTPUT, PRIVATE_ARRAY_MAX_CLASSES, SOFTMAX_FORMS, type SoftmaxForm, softmaxForm } from '../bench/softmaxForms';
import { normalArray } from '../src/engine/random';
import { readBack, uploadBuffer } from '../src/gpu/buffers';
import { ArgumentError } from '../src/index';
import { logSoftmaxForward } from '../src/reference/log_softmax';
import { IN_CI, subgroupTestDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { seededRandom } from './support/random';

// f32 exp and a plain (uncompensated) f32 sum over at most 1000 terms of at most 1.
const SOFTMAX_TOL = { atol: 1e-6, rtol: 1e-5 };
// f32 log of an f32 sum of up to 1000 terms, added to a max of about 3.
const LOG_SUM_EXP_TOL = { atol: 1e-5, rtol: 1e-6 };

const FORMS = Object.keys(SOFTMAX_FORMS) as SoftmaxForm[];

// From the float64 reference: log Σ exp of a row = x − log p at any of its entries.
function expected(x: Float32Array, rows: number, classes: number) {
  const logp = logSoftmaxForward(x, rows, classes);
  const row = (i: number) => Array.from(x.subarray(i * classes, (i + 1) * classes));
  return {
    max: Array.from({ length: rows }, (_, i) => Math.max(...row(i))),
    logSumExp: Array.from({ length: rows }, (_, i) => x[i * classes] - logp[i * classes]),
    softmax: Array.from(logp, Math.exp),
  };
}

describe.skipIf(WEBGPU_MISSING)('bench: the softmax forms and parts', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await subgroupTestDevice();
  });
  afterAll(() => device.destroy());

  // C = 12: fewer vec4 than one unrolled iteration (and than the 4 lanes of a row in quadRows);
  // 36: unrolled and a tail; 1000: the bench's shape. 7, 45 and 33 rows: part of a workgroup.
  it.each([
    [7, 12],
    [45, 36],
    [33, 1000],
  ])('%i×%i', async (rows, classes) => {
    const x = normalArray(seededRandom(rows + classes), rows * classes);
    const want = expected(x, rows, classes);
    const input = uploadBuffer(device, 'test.softmaxForms.input', x);
    for (const form of FORMS) {
      if (form === 'quadRows' && !device.features.has('subgroups')) continue;
      const kernel = softmaxForm(device, input, rows, classes, form);
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernel.encode(pass);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const [output, rowValues] = await readBack(device, 'test.softmaxForms.output', [
        { source: kernel.output, length: rows * classes },
        { source: kernel.rowValues, length: rows },
      ]);
      const part = PART_OUTPUT[form];
      if (part === 'max') expect(Array.from(rowValues), form).toEqual(want.max.map(Math.fround));
      else if (part === 'logSumExp') expectClose(rowValues, want.logSumExp, LOG_SUM_EXP_TOL, form);
      else if (part === 'copy') expect(output, form).toEqual(x);
      else expectClose(output, want.softmax, SOFTMAX_TOL, form);
      kernel.destroy();
    }
    input.destroy();
  });

  // The quad form is skipped above on a device without subgroups; CI's SwiftShader has them.
  it.runIf(IN_CI)('has subgroups in CI, so the quad form is tested there', () => {
    expect(device.features.has('subgroups')).toBe(true);
  });

  it('names the argument and its range for shapes it cannot run', () => {
    const input = uploadBuffer(device, 'test.softmaxForms.bad', new Float32Array(8));
    expect(() => softmaxForm(device, input, 2, 6, 'threeReads')).toThrow(ArgumentError);
    expect(() => softmaxForm(device, input, 2, 6, 'threeReads')).toThrow(/classes.*multiple of 4.*got 6/);
    expect(() => softmaxForm(device, input, 0, 4, 'rowMax')).toThrow(/rows.*positive integer.*got 0/);
    expect(() => softmaxForm(device, input, 1, PRIVATE_ARRAY_MAX_CLASSES + 4, 'privateArray')).toThrow(/form.*8 KiB/);
    input.destroy();
  });
});
