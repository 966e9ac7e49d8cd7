// Both backends against torch.log_softmax (tests/fixtures/torch).
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Engine } from '../src';
import { BACKENDS, engineFor } from './support/backends';
import { expectClose } from './support/compare';
import { logSoftmaxFixtures } from './support/torchFixtures';

// x − m is exact in f32 here; log Σ exp is off by a few ulp of values ≤ ~10 → atol 1e-5; rows
// with ±1e4 and 8e4 logits give outputs of ~1e5 whose f32 ulp is ~8e-3 → rtol 1e-6 plus headroom.
const TOL = { atol: 1e-5, rtol: 1e-5 };

const cases = logSoftmaxFixtures();

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`log-softmax matches PyTorch on ${backend.name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await engineFor(backend.name);
    });
    afterAll(() => engine.destroy());

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
      const output = await engine.logSoftmax(fixture);
      expectClose(output, fixture.output, TOL, 'log-softmax');
    });
  });
}
