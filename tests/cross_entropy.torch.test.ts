// Both backends against F.cross_entropy computed by real PyTorch (tests/fixtures/torch).
import { it } from 'vitest';
import { describeEachBackend } from './support/backends';
import { expectClose } from './support/compare';
import { crossEntropyFixtures } from './support/torchFixtures';

// Loss: per-row f32 log-sum-exp (exp/log ≈ 3 ulp) and a Kahan-summed reduction; the largest
// fixture losses are ~8e4 (one 8e4 logit), where one f32 ulp is 8e-3 → rtol 2e-6 plus headroom.
const LOSS_TOL = { atol: 1e-5, rtol: 1e-5 };
// Gradient entries are s·(p·Σa − a) with |·| ≤ max weight: f32 exp of p (≈ 3 ulp ≈ 2e-7) times
// Σa ≤ a few units → atol 2e-6; rtol for the few entries of order 1.
const GRAD_TOL = { atol: 2e-6, rtol: 1e-5 };

const cases = crossEntropyFixtures();

describeEachBackend('cross-entropy matches PyTorch', (engine) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const { loss, grad } = await engine().crossEntropy(fixture);
    expectClose(loss, fixture.loss, LOSS_TOL, 'loss');
    expectClose(grad, fixture.grad, GRAD_TOL, 'grad');
  });
});
