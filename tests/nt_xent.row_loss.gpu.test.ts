// NT-Xent's row loss runs a branch-free kernel when R is a multiple of 4 and 1/τ < NT_XENT_FAST_LIMIT
// (every logit of a finite ẑ is then ordinary), and the general loop otherwise; G + Gᵀ is taken a
// pair of 4×4 blocks at a time when R is a multiple of 4, an (i, j) pair otherwise. Both sides of
// each switch equal the float64 reference, one kernel object follows setRows and setOptions across
// the switches, and a non-finite z gives a NaN loss on either side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalArray } from '../src/engine/random';
import type { Reduction } from '../src/engine/types';
import { readBack } from '../src/gpu/buffers';
import { createNtXentBuffers, NT_XENT_FAST_LIMIT, NtXent } from '../src/gpu/kernels/nt_xent';
import { ntXentForwardBackward } from '../src/reference/nt_xent';
import { testDevice } from './setup/gpu';
import { WEBGPU_MISSING } from './support/backends';
import { expectClose } from './support/compare';
import { seededRandom } from './support/random';

// As nt_xent.gpu.test.ts: f32 dot products over D ≤ 130 terms, 1/τ ≤ 20.
const LOSS_TOL = { atol: 5e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };

const DIM = 5;

describe.skipIf(WEBGPU_MISSING)('NtXent row loss', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = await testDevice();
  });
  afterAll(() => device.destroy());

  /** One kernel of `capacity` rows; each call sets its rows and options, then runs. */
  async function runCalls(z: Float32Array, capacity: number, calls: { rows: number; temperature: number; reduction: Reduction }[]) {
    const buffers = createNtXentBuffers(device, 'test', z, { rows: capacity, dim: DIM });
    const first = calls[0];
    const kernel = new NtXent(device, { rows: capacity, dim: DIM }, buffers, first, 'test.NtXent');
    const results = [];
    for (const { rows, temperature, reduction } of calls) {
      kernel.setRows(rows);
      kernel.setOptions({ temperature, reduction });
      const kind = kernel.rowLossKernel;
      const encoder = device.createCommandEncoder({ label: 'test.encoder' });
      const pass = encoder.beginComputePass({ label: 'test.pass' });
      kernel.encode(pass);
      pass.end();
      const loss = reduction === 'none' ? { source: buffers.rowLoss, length: rows } : { source: buffers.loss, length: 1 };
      const [gotLoss, grad] = await readBack(device, 'test', [loss, { source: buffers.grad, length: rows * DIM }], encoder);
      results.push({ kind, loss: gotLoss, grad });
    }
    kernel.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
    return results;
  }

  it.each([
    [12, 0.1, 'row_loss_fast'],
    [16, 0.5, 'row_loss_fast'],
    [14, 0.1, 'row_loss'], // R % 4 = 2
    [18, 0.05, 'row_loss'],
  ] as const)('2N = %i, τ = %f takes %s and equals the reference', async (rows, temperature, kind) => {
    const z = normalArray(seededRandom(rows), rows * DIM);
    for (const reduction of ['mean', 'none'] as const) {
      const [got] = await runCalls(z, rows, [{ rows, temperature, reduction }]);
      expect(got.kind).toBe(kind);
      const want = ntXentForwardBackward({ z, rows, dim: DIM, temperature, reduction });
      expectClose(got.loss, want.loss, LOSS_TOL, `${reduction} loss`);
      expectClose(got.grad, want.grad, GRAD_TOL, `${reduction} grad`);
    }
  });

  it('switches kernels with setRows and the temperature, on one kernel object', async () => {
    const capacity = 16;
    const z = normalArray(seededRandom(3), capacity * DIM);
    const tiny = 1 / (2 * NT_XENT_FAST_LIMIT); // 1/τ past the limit
    const calls = [
      { rows: 16, temperature: 0.2, reduction: 'mean' },
      { rows: 14, temperature: 0.2, reduction: 'mean' },
      { rows: 8, temperature: 0.2, reduction: 'sum' },
      { rows: 8, temperature: tiny, reduction: 'sum' },
      { rows: 16, temperature: 0.2, reduction: 'none' },
    ] as const;
    const got = await runCalls(z, capacity, [...calls]);
    expect(got.map((r) => r.kind)).toEqual(['row_loss_fast', 'row_loss', 'row_loss_fast', 'row_loss', 'row_loss_fast']);
    for (const [i, { rows, temperature, reduction }] of calls.entries()) {
      if (temperature === tiny) continue; // 1/τ ~ 1e36: the softmax is one-hot on f32 rounding of S, no oracle
      const want = ntXentForwardBackward({ z: z.subarray(0, rows * DIM), rows, dim: DIM, temperature, reduction });
      expectClose(got[i].loss, want.loss, LOSS_TOL, `call ${i} loss`);
      expectClose(got[i].grad, want.grad, GRAD_TOL, `call ${i} grad`);
    }
  });

  it('gives a NaN loss for a non-finite z on either kernel', async () => {
    for (const rows of [12, 14]) {
      const z = normalArray(seededRandom(rows + 1), rows * DIM);
      z[3 * DIM + 1] = Number.NaN;
      z[5 * DIM] = Number.POSITIVE_INFINITY;
      const [got] = await runCalls(z, rows, [{ rows, temperature: 0.5, reduction: 'mean' }]);
      expect(got.kind).toBe(rows % 4 === 0 ? 'row_loss_fast' : 'row_loss');
      expect(got.loss[0]).toBeNaN();
    }
  });
});
