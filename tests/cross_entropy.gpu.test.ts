// The WGSL cross-entropy against the float64 reference on randomized shapes and options.
// (The reference itself is checked against PyTorch in cross_entropy.torch.test.ts.)
import { expect, it } from 'vitest';
import { createCpuEngine } from '../src/engine/cpuEngine';
import { describeWebGpu } from './support/backends';
import { expectClose } from './support/compare';
import { type CaseSpec, crossEntropyCase, REDUCTIONS } from './support/random';

// Row losses are f32 log-sum-exp (≈ 3 ulp of values ≤ ~20); reductions add up to 8192 rows with
// Kahan compensation, so the sum keeps ≈ 1e-7 relative error → rtol 1e-5 with headroom.
const LOSS_TOL = { atol: 1e-5, rtol: 1e-5 };
// Gradients are s·(p·Σa − a); p carries f32 exp error (≈ 2e-7 relative) times Σa ≤ ~3·C·ε/C.
const GRAD_TOL = { atol: 2e-6, rtol: 1e-5 };

const SHAPES: CaseSpec[] = [
  { n: 1, c: 1 },
  { n: 1, c: 7, weighted: true, labelSmoothing: 0.3 },
  { n: 5, c: 1, labelSmoothing: 0.5 },
  { n: 37, c: 13, weighted: true, ignoreFraction: 0.2, labelSmoothing: 0.1 },
  { n: 8192, c: 10, weighted: true, ignoreFraction: 0.1, labelSmoothing: 0.05 },
  { n: 4, c: 32768, labelSmoothing: 0.1 },
  { n: 300, c: 3, probs: true, weighted: true, labelSmoothing: 0.2 },
  { n: 129, c: 6, maskFraction: 0.3 },
  { n: 64, c: 5, weighted: true, maskFraction: 0.2, labelSmoothing: 0.1, ignoreFraction: 0.3 },
  { n: 3, c: 4, labelSmoothing: 1 },
];

describeWebGpu('cross-entropy: WebGPU equals the float64 reference', (engine) => {
  const reference = createCpuEngine();

  const cases = SHAPES.flatMap((spec, s) => REDUCTIONS.map((reduction, r) => ({ spec: { ...spec, reduction }, seed: 100 * s + r })));
  it.each(cases.map((c) => [JSON.stringify(c.spec), c] as const))('%s', async (_name, { spec, seed }) => {
    const args = crossEntropyCase(seed, spec);
    const [got, want] = await Promise.all([engine().crossEntropy(args), reference.crossEntropy(args)]);
    expectClose(got.loss, want.loss, LOSS_TOL, 'loss');
    expectClose(got.grad, want.grad, GRAD_TOL, 'grad');
  });

  it('is deterministic: the same call gives the same bits', async () => {
    const args = crossEntropyCase(5, { n: 8192, c: 10, weighted: true, labelSmoothing: 0.1 });
    const [a, b] = [await engine().crossEntropy(args), await engine().crossEntropy(args)];
    expect(Array.from(a.loss)).toEqual(Array.from(b.loss));
    expect(Array.from(a.grad)).toEqual(Array.from(b.grad));
  });

  it('keeps concurrent calls apart', async () => {
    const calls = Array.from({ length: 12 }, (_, i) =>
      crossEntropyCase(900 + i, { n: 20 + i, c: 3 + (i % 5), weighted: i % 2 === 0, labelSmoothing: i / 20, reduction: REDUCTIONS[i % 3] }),
    );
    const results = await Promise.all(calls.map((args) => engine().crossEntropy(args)));
    for (const [i, args] of calls.entries()) {
      const want = await reference.crossEntropy(args);
      expectClose(results[i].loss, want.loss, LOSS_TOL, `call ${i} loss`);
      expectClose(results[i].grad, want.grad, GRAD_TOL, `call ${i} grad`);
    }
  });
});
