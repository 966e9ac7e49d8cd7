// Every cross-entropy variant against real PyTorch (the committed fixtures) and against the float64
// reference on shapes that stress the workgroup and subgroup variants: rows shorter and longer than a
// workgroup or a subgroup, one class, C = 32768, ignored and masked entries, probability targets,
// smoothing. The subgroup variant runs on a device with the 'subgroups' feature (SwiftShader has it).
// The engine picks a variant by trial and remembers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCrossEntropy } from '../src/core/validate';
import { createCpuEngine } from '../src/engine/cpuEngine';
import type { CrossEntropyArgs } from '../src/engine/types';
import { createStorageBuffer, readBack, uploadBuffer } from '../src/gpu/buffers';
import { CROSS_ENTROPY_VARIANTS, CrossEntropy, type CrossEntropyVariant, crossEntropyVariants } from '../src/gpu/kernels/cross_entropy';
import { subgroupWidth } from '../src/gpu/subgroups';
import { subgroupTestDevice, testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { type CaseSpec, crossEntropyCase, REDUCTIONS } from './support/random';
import { crossEntropyFixtures } from './support/torchFixtures';

// As cross_entropy.gpu.test.ts and cross_entropy.torch.test.ts (the reasons are there): the
// workgroup and subgroup variants sum in other orders, within the same bounds.
const LOSS_TOL = { atol: 1e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 2e-6, rtol: 1e-5 };

const SHAPES: CaseSpec[] = [
  { n: 1, c: 1 },
  { n: 2, c: 7, weighted: true, labelSmoothing: 0.3 },
  { n: 5, c: 1, labelSmoothing: 0.5 },
  { n: 37, c: 63, weighted: true, ignoreFraction: 0.2, labelSmoothing: 0.1 },
  { n: 9, c: 64, maskFraction: 0.5, labelSmoothing: 0.2 },
  { n: 11, c: 65, weighted: true, maskFraction: 0.3, ignoreFraction: 0.3 },
  { n: 70, c: 1000, weighted: true, labelSmoothing: 0.05 },
  { n: 3, c: 32768, labelSmoothing: 0.1 },
  { n: 33, c: 130, probs: true, weighted: true, labelSmoothing: 0.2 },
  { n: 4, c: 3, labelSmoothing: 1 },
];

describe.skipIf(WEBGPU_MISSING)('CrossEntropy variants', () => {
  let device: GPUDevice; // with 'subgroups' where the adapter offers it
  let plain: GPUDevice; // without
  beforeAll(async () => {
    device = await subgroupTestDevice();
    plain = await testDevice();
  });
  afterAll(() => {
    device.destroy();
    plain.destroy();
  });
  const reference = createCpuEngine();

  async function run(args: CrossEntropyArgs, variant: CrossEntropyVariant) {
    const call = validateCrossEntropy(args);
    const { n, c } = call;
    const buffers = {
      logits: uploadBuffer(device, 'test.logits', call.logits),
      target: uploadBuffer(device, 'test.target', call.target),
      weight: uploadBuffer(device, 'test.weight', call.weight ?? new Float32Array(c).fill(1)),
      rowLoss: createStorageBuffer(device, 'test.rowLoss', n * 4),
      grad: createStorageBuffer(device, 'test.grad', n * c * 4),
      loss: createStorageBuffer(device, 'test.loss', 4),
    };
    const kernel = new CrossEntropy(
      device,
      { rows: n, classes: c, targetKind: call.targetKind },
      buffers,
      call,
      'test.CrossEntropy',
      variant,
    );
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    kernel.encode(pass);
    pass.end();
    const loss = call.reduction === 'none' ? { source: buffers.rowLoss, length: n } : { source: buffers.loss, length: 1 };
    const [gotLoss, grad] = await readBack(device, 'test', [loss, { source: buffers.grad, length: n * c }], encoder);
    kernel.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
    return { loss: gotLoss, grad };
  }

  const cases = SHAPES.flatMap((spec, s) => REDUCTIONS.map((reduction, r) => ({ spec: { ...spec, reduction }, seed: 300 * s + r })));
  it('offers the subgroup variant on SwiftShader (subgroups of 4)', () => {
    if (device.adapterInfo.architecture !== 'swiftshader') return; // the adapter of every run here and in CI
    expect(crossEntropyVariants(device)).toEqual(['row', 'workgroup', 'subgroup']);
    expect(subgroupWidth(device)).toBe(4);
  });

  for (const variant of CROSS_ENTROPY_VARIANTS) {
    it.each(cases.map((c) => [JSON.stringify(c.spec), c] as const))(
      `${variant}: %s equals the reference`,
      async (_name, { spec, seed }) => {
        if (!crossEntropyVariants(device).includes(variant)) return; // no subgroups on this adapter
        const args = crossEntropyCase(seed, spec);
        const [got, want] = await Promise.all([run(args, variant), reference.crossEntropy(args)]);
        expectClose(got.loss, want.loss, LOSS_TOL, 'loss');
        expectClose(got.grad, want.grad, GRAD_TOL, 'grad');
      },
    );

    it(`${variant}: matches every PyTorch fixture`, async () => {
      if (!crossEntropyVariants(device).includes(variant)) return; // no subgroups on this adapter
      for (const fixture of crossEntropyFixtures()) {
        const got = await run(fixture, variant);
        expectClose(got.loss, fixture.loss, LOSS_TOL, `${fixture.name} loss`);
        expectClose(got.grad, fixture.grad, GRAD_TOL, `${fixture.name} grad`);
      }
    });
  }

  it('refuses an unknown variant by name', () => {
    const buffer = createStorageBuffer(device, 'test.buffer', 16);
    const buffers = { logits: buffer, target: buffer, weight: buffer, rowLoss: buffer, grad: buffer, loss: buffer };
    const options = { ignoreIndex: -100, reduction: 'mean', labelSmoothing: 0 } as const;
    expect(() => new CrossEntropy(device, { rows: 1, classes: 4, targetKind: 'index' }, buffers, options, 'x', 'tree' as 'row')).toThrow(
      /^variant: must be one of row, workgroup, subgroup, got tree/,
    );
    // A device without the 'subgroups' feature cannot run the subgroup variant, and says so.
    const plainBuffer = createStorageBuffer(plain, 'test.buffer', 16);
    const plainBuffers = {
      logits: plainBuffer,
      target: plainBuffer,
      weight: plainBuffer,
      rowLoss: plainBuffer,
      grad: plainBuffer,
      loss: plainBuffer,
    };
    expect(() => new CrossEntropy(plain, { rows: 1, classes: 4, targetKind: 'index' }, plainBuffers, options, 'x', 'subgroup')).toThrow(
      /^variant: 'subgroup' needs a device with the 'subgroups' feature/,
    );
    expect(crossEntropyVariants(plain)).toEqual(['row', 'workgroup']);
    plainBuffer.destroy();
    buffer.destroy();
  });

  it("the engine runs the adapter rule's variant: rows on a CPU adapter, workgroups for long rows on a GPU", async () => {
    const { createWebGpuEngine } = await import('../src/engine/webgpuEngine');
    const call = crossEntropyCase(2, { n: 64, c: 1000, ignoreFraction: 0.2, weighted: true, labelSmoothing: 0.1 });
    const want = await reference.crossEntropy(call);
    for (const facts of [
      { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      { vendor: 'nvidia', architecture: 'ada', device: '', description: 'NVIDIA GeForce RTX 4070' },
    ]) {
      const got = await createWebGpuEngine(device, 'test', facts).crossEntropy(call);
      expectClose(got.loss, want.loss, LOSS_TOL, `${facts.vendor} loss`);
      expectClose(got.grad, want.grad, GRAD_TOL, `${facts.vendor} grad`);
    }
  });
});
