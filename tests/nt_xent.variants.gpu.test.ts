// The NT-Xent variants ('tile4', 'tile8': the tiles of its two matmuls) give the same bits, and the
// 8×8 one equals the float64 reference on shapes that overhang its tiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalArray } from '../src/engine/random';
import { createStorageBuffer, readBack } from '../src/gpu/buffers';
import { createNtXentBuffers, NT_XENT_FAMILY, NT_XENT_VARIANTS, NtXent, ntXentBucket } from '../src/gpu/kernels/nt_xent';
import { ntXentForwardBackward } from '../src/reference/nt_xent';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { seededRandom } from './support/random';

// As nt_xent.gpu.test.ts: f32 dot products over D ≤ 130 terms, 1/τ ≤ 20.
const LOSS_TOL = { atol: 5e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };
const SIMILARITY_TOL = { atol: 2e-6, rtol: 1e-5 };

describe.skipIf(WEBGPU_MISSING)('NtXent variants', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  async function run(variant: (typeof NT_XENT_VARIANTS)[number], z: Float32Array, rows: number, dim: number, temperature: number) {
    const buffers = createNtXentBuffers(device, 'test', z, { rows, dim });
    const kernel = new NtXent(device, { rows, dim }, buffers, { temperature, reduction: 'mean' }, `test.${variant}`, variant);
    const encoder = device.createCommandEncoder({ label: 'test.encoder' });
    const pass = encoder.beginComputePass({ label: 'test.pass' });
    kernel.encode(pass);
    pass.end();
    const [loss, grad, similarity] = await readBack(
      device,
      'test',
      [
        { source: buffers.loss, length: 1 },
        { source: buffers.grad, length: rows * dim },
        { source: buffers.similarity, length: rows * rows },
      ],
      encoder,
    );
    kernel.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
    return { loss, grad, similarity };
  }

  it.each([
    [2, 1, 1],
    [6, 3, 0.5],
    [18, 130, 0.05], // 130 dims: 33 vec4, overhanging a 32-dim (8 vec4) tile of ∂ẑ
    [130, 16, 0.2], // 130 rows: overhanging the 8×8 tiles of S
    [256, 128, 0.5],
  ])('2N = %i, D = %i, τ = %f: the same bits on both, and the reference', async (rows, dim, temperature) => {
    const z = normalArray(seededRandom(rows * 7 + dim), rows * dim);
    const [tile4, tile8] = await Promise.all(NT_XENT_VARIANTS.map((variant) => run(variant, z, rows, dim, temperature)));
    expect(tile8.similarity).toEqual(tile4.similarity);
    expect(tile8.grad).toEqual(tile4.grad);
    expect(tile8.loss).toEqual(tile4.loss);
    const want = ntXentForwardBackward({ z, rows, dim, temperature, reduction: 'mean' });
    expectClose(tile8.similarity, want.similarity, SIMILARITY_TOL, 'similarity');
    expectClose(tile8.loss, want.loss, LOSS_TOL, 'loss');
    expectClose(tile8.grad, want.grad, GRAD_TOL, 'grad');
  });

  it('uses 8×8 tiles from 2N = 512 on (load-bound there), 4×4 below (compile-bound), and refuses an unknown variant', () => {
    const facts = { vendor: '', architecture: '', device: '', description: '' };
    expect(NT_XENT_FAMILY.rule(facts, ntXentBucket(256))).toBe('tile4');
    expect(NT_XENT_FAMILY.rule(facts, ntXentBucket(512))).toBe('tile8');
    const buffer = createStorageBuffer(device, 'test.buffer', 64);
    const buffers = { z: buffer, similarity: buffer, rowLoss: buffer, grad: buffer, loss: buffer };
    expect(() => new NtXent(device, { rows: 2, dim: 1 }, buffers, { temperature: 1, reduction: 'mean' }, 'x', 'tile16' as 'tile4')).toThrow(
      /^variant: must be one of tile4, tile8, got tile16/,
    );
    buffer.destroy();
  });
});
