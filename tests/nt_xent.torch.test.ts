// Both backends against SimCLR's NT-Xent computed with PyTorch (tests/fixtures/torch).
import { it } from 'vitest';
import { describeEachBackend } from './support/backends';
import { expectClose } from './support/compare';
import { ntXentFixtures } from './support/torchFixtures';

// Similarities are f32 dot products of unit rows over D ≤ 128 terms: error ≈ D·2⁻²⁴ ≈ 1e-5.
const SIMILARITY_TOL = { atol: 2e-6, rtol: 1e-5 };
// The loss divides those similarities by τ ≥ 0.07, so their error grows ×14: atol 5e-5.
const LOSS_TOL = { atol: 5e-5, rtol: 1e-5 };
// The gradient scales by 1/τ twice-over (softmax of S/τ, then ∂S/τ) and by 1/‖z‖ (rows scaled
// ×1e-3 give gradients ×1e3): rtol 1e-4 relative to the row's magnitude, atol for near-zero entries.
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };

const cases = ntXentFixtures();

describeEachBackend('NT-Xent matches PyTorch', (engine) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const { loss, grad, similarity } = await engine().ntXent(fixture);
    expectClose(similarity, fixture.similarity, SIMILARITY_TOL, 'similarity');
    expectClose(loss, fixture.loss, LOSS_TOL, 'loss');
    expectClose(grad, fixture.grad, GRAD_TOL, 'grad');
  });
});
