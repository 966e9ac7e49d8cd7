// The WGSL NT-Xent and log-softmax against the float64 reference on randomized shapes.
import { it } from 'vitest';
import { createCpuEngine } from '../src/engine/cpuEngine';
import { normalArray } from '../src/engine/random';
import { describeWebGpu } from './support/backends';
import { expectClose } from './support/compare';
import { REDUCTIONS, seededRandom } from './support/random';

// Same reasons as nt_xent.torch.test.ts: f32 dot products over D terms (D ≤ 130 here) and 1/τ ≤ 20.
const SIMILARITY_TOL = { atol: 2e-6, rtol: 1e-5 };
const LOSS_TOL = { atol: 5e-5, rtol: 1e-5 };
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };
// log-softmax: x − m exact, log Σ exp off by a few ulp of values ≤ ~30 (N(0, 4) logits, C ≤ 32768).
const LOG_SOFTMAX_TOL = { atol: 2e-5, rtol: 1e-6 };

describeWebGpu('NT-Xent and log-softmax: WebGPU equals the float64 reference', (engine) => {
  const reference = createCpuEngine();

  const ntShapes = [
    { rows: 2, dim: 1, temperature: 1 },
    { rows: 6, dim: 3, temperature: 0.5 },
    { rows: 10, dim: 130, temperature: 0.05 },
    { rows: 130, dim: 16, temperature: 0.2 },
    { rows: 256, dim: 128, temperature: 0.5 },
  ];
  const ntCases = ntShapes.flatMap((shape, s) => REDUCTIONS.map((reduction, r) => ({ ...shape, reduction, seed: 10 * s + r })));
  it.each(ntCases.map((c) => [JSON.stringify(c), c] as const))('NT-Xent %s', async (_name, { seed, ...shape }) => {
    const args = { ...shape, z: normalArray(seededRandom(seed), shape.rows * shape.dim) };
    const [got, want] = await Promise.all([engine().ntXent(args), reference.ntXent(args)]);
    expectClose(got.similarity, want.similarity, SIMILARITY_TOL, 'similarity');
    expectClose(got.loss, want.loss, LOSS_TOL, 'loss');
    expectClose(got.grad, want.grad, GRAD_TOL, 'grad');
  });

  const lsShapes = [
    { n: 1, c: 1 },
    { n: 3, c: 7 },
    { n: 8192, c: 10 },
    { n: 2, c: 32768 },
  ];
  it.each(lsShapes.map((c) => [JSON.stringify(c), c] as const))('log-softmax %s', async (_name, { n, c }) => {
    const random = seededRandom(n * 31 + c);
    const logits = normalArray(random, n * c, 4);
    // Sprinkle the specials: −inf (masked), and one NaN and one +inf row when there are rows to spare.
    for (let i = 0; i < logits.length; i += 7) logits[i] = -Infinity;
    if (n > 2) {
      logits[c] = Number.NaN;
      logits[2 * c + 1] = Infinity;
    }
    const [got, want] = await Promise.all([engine().logSoftmax({ logits, n, c }), reference.logSoftmax({ logits, n, c })]);
    expectClose(got, want, LOG_SOFTMAX_TOL, 'log-softmax');
  });
});
