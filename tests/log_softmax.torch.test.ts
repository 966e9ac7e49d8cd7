// Both backends against torch.log_softmax (tests/fixtures/torch).
import { it } from 'vitest';
import { describeEachBackend } from './support/backends';
import { expectClose } from './support/compare';
import { logSoftmaxFixtures } from './support/torchFixtures';

// x − m is exact in f32 here; log Σ exp is off by a few ulp of values ≤ ~10 → atol 1e-5; rows
// with ±1e4 and 8e4 logits give outputs of ~1e5 whose f32 ulp is ~8e-3 → rtol 1e-6 plus headroom.
const TOL = { atol: 1e-5, rtol: 1e-5 };

const cases = logSoftmaxFixtures();

describeEachBackend('log-softmax matches PyTorch', (engine) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    expectClose(await engine().logSoftmax(fixture), fixture.output, TOL, 'log-softmax');
  });
});
