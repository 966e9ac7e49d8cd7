// Every log-softmax variant equals the float64 reference, non-finite rows included, on the shapes
// that stress each: one row, one class, rows shorter and longer than a workgroup or a subgroup,
// C = 32768. The subgroup variant runs on a device with the 'subgroups' feature (SwiftShader has it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { LOG_SOFTMAX_VARIANTS, LogSoftmax, logSoftmaxVariants } from '../src/gpu/kernels/log_softmax';
import { subgroupWidth } from '../src/gpu/subgroups';
import { logSoftmaxForward } from '../src/reference/log_softmax';
import { subgroupTestDevice, testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { seededRandom } from './support/random';

// f32 against float64 with |x| ≤ 30 and a compensated sum: a few ulps of the largest output (~40).
const TOL = { atol: 2e-5, rtol: 2e-6 };

function logits(n: number, c: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const x = Float32Array.from({ length: n * c }, () => (random.next() - 0.5) * 60);
  // Row 1: a NaN; row 2: +inf; row 3: all −inf; row 4: one finite among −inf (a masked row);
  // row 5: a huge logit (≥ 2^126, where the row variant's fast path defers the row).
  const special: [number, number][] = [
    [1, Number.NaN],
    [2, Number.POSITIVE_INFINITY],
  ];
  for (const [row, value] of special) if (row < n) x[row * c + Math.floor(c / 2)] = value;
  if (n > 3) x.fill(Number.NEGATIVE_INFINITY, 3 * c, 4 * c);
  if (n > 4 && c > 1) x.fill(Number.NEGATIVE_INFINITY, 4 * c + 1, 5 * c);
  if (n > 5) x[5 * c] = 3e38;
  return x;
}

/** Rows the row variant's fast path defers: any logit not finite or of magnitude ≥ 2^126. */
function deferredRows(x: Float32Array, n: number, c: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (x.subarray(i * c, (i + 1) * c).some((v) => !(Math.abs(v) < 2 ** 126))) count++;
  return count;
}

describe.skipIf(WEBGPU_MISSING)('LogSoftmax variants', () => {
  let device: GPUDevice; // with 'subgroups' where the adapter offers it
  let plain: GPUDevice; // without
  let plainBuffer: GPUBuffer;
  beforeAll(async () => {
    device = await subgroupTestDevice();
    plain = await testDevice();
    plainBuffer = createStorageBuffer(plain, 'test.buffer', 16);
  });
  afterAll(() => {
    device.destroy();
    plain.destroy();
  });

  it('offers the subgroup variant on SwiftShader (subgroups of 4)', () => {
    if (device.adapterInfo.architecture !== 'swiftshader') return; // the adapter of every run here and in CI
    expect(logSoftmaxVariants(device)).toEqual(['row', 'workgroup', 'subgroup']);
    expect(subgroupWidth(device)).toBe(4);
  });

  const shapes: [number, number][] = [
    [1, 1],
    [1, 7],
    [9, 1],
    [6, 10],
    [20, 12],
    [20, 32],
    [20, 33],
    [20, 50],
    [33, 63],
    [17, 64],
    [5, 65],
    [70, 1000],
    [3, 32768],
  ];
  for (const variant of LOG_SOFTMAX_VARIANTS) {
    it.each(shapes)(`${variant}: [%i, %i] equals the reference`, async (n, c) => {
      if (!logSoftmaxVariants(device).includes(variant)) return; // no subgroups on this adapter
      const x = logits(n, c, n * 1000 + c);
      const input = uploadBuffer(device, 'test.logits', x);
      const output = createStorageBuffer(device, 'test.output', n * c * 4);
      const kernel = new LogSoftmax(device, { rows: n, classes: c }, { logits: input, output }, 'test.LogSoftmax', variant);
      const encoder = device.createCommandEncoder({ label: 'test.encoder' });
      const pass = encoder.beginComputePass({ label: 'test.pass' });
      kernel.encode(pass);
      pass.end();
      const deferred = kernel.deferredArgs ? [{ source: kernel.deferredArgs, length: 4 }] : [];
      const [got, args] = await readBack(device, 'test', [{ source: output, length: n * c }, ...deferred], encoder);
      expectClose(got, logSoftmaxForward(x, n, c), TOL, `${variant} [${n}, ${c}]`);
      // The row variant's fast path: exactly the rows that are not ordinary went to the general path.
      if (variant === 'row') expect(new Uint32Array(args.buffer)[3]).toBe(deferredRows(x, n, c));
      kernel.destroy();
      input.destroy();
      output.destroy();
    });
  }

  it("the engine runs the adapter rule's variant: rows on a CPU adapter, workgroups for long rows on a GPU", async () => {
    const { createWebGpuEngine } = await import('../src/engine/webgpuEngine');
    const x = logits(64, 1000, 5);
    for (const facts of [
      { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      { vendor: 'nvidia', architecture: 'ada', device: '', description: 'NVIDIA GeForce RTX 4070' },
    ]) {
      const engine = createWebGpuEngine(device, 'test', facts);
      expectClose(await engine.logSoftmax({ logits: x, n: 64, c: 1000 }), logSoftmaxForward(x, 64, 1000), TOL, facts.vendor);
    }
  });

  it('refuses an unknown variant by name', () => {
    const buffer = createStorageBuffer(device, 'test.buffer', 16);
    expect(() => new LogSoftmax(device, { rows: 1, classes: 4 }, { logits: buffer, output: buffer }, 'x', 'tree' as 'row')).toThrow(
      /^variant: must be one of row, workgroup, subgroup, got tree/,
    );
    // A device without the 'subgroups' feature cannot run the subgroup variant, and says so.
    expect(() => new LogSoftmax(plain, { rows: 1, classes: 4 }, { logits: plainBuffer, output: plainBuffer }, 'x', 'subgroup')).toThrow(
      /^variant: 'subgroup' needs a device with the 'subgroups' feature/,
    );
    expect(logSoftmaxVariants(plain)).toEqual(['row', 'workgroup']);
    buffer.destroy();
  });
});
