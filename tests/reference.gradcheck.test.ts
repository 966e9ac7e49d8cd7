// The float64 references' gradients against central finite differences of their own losses.
import { describe, it } from 'vitest';
import type { Reduction } from '../src';
import { crossEntropyForwardBackward, type ReferenceCrossEntropyCall } from '../src/reference/cross_entropy';
import { logSoftmaxBackward, logSoftmaxForward } from '../src/reference/log_softmax';
import { ntXentForwardBackward } from '../src/reference/nt_xent';
import { expectGradient } from './support/gradcheck';
import { probabilityRows, seededRandom } from './support/random';

/** Σ loss (so 'none' checks d(Σ loss)/dx, as the API defines its gradient). */
function total(loss: Float64Array): number {
  return loss.reduce((a, b) => a + b, 0);
}

describe('cross-entropy reference backward = finite differences', () => {
  const n = 6;
  const c = 5;
  const random = seededRandom(11);
  const logits = Float64Array.from({ length: n * c }, () => 2 * random.normal());
  const weight = Float32Array.from({ length: c }, () => 0.2 + 2 * random.next());
  const indices = Int32Array.from([0, 4, -100, 2, 2, 1]);
  const probs = probabilityRows(random, n, c);

  const cases: [string, Omit<ReferenceCrossEntropyCall, 'logits'>][] = [];
  for (const reduction of ['mean', 'sum', 'none'] as Reduction[]) {
    for (const labelSmoothing of [0, 0.3]) {
      const base = { n, c, ignoreIndex: -100, reduction, labelSmoothing };
      cases.push([`indices ${reduction} ε=${labelSmoothing} weighted`, { ...base, target: indices, targetKind: 'index', weight }]);
      cases.push([`indices ${reduction} ε=${labelSmoothing}`, { ...base, target: indices, targetKind: 'index', weight: undefined }]);
      cases.push([`probabilities ${reduction} ε=${labelSmoothing} weighted`, { ...base, target: probs, targetKind: 'probs', weight }]);
    }
  }
  it.each(cases)('%s', (_name, call) => {
    const { grad } = crossEntropyForwardBackward({ ...call, logits });
    expectGradient(grad, logits, (x) => total(crossEntropyForwardBackward({ ...call, logits: x }).loss));
  });
});

describe('log-softmax reference backward = finite differences', () => {
  it('for a random upstream gradient', () => {
    const [n, c] = [3, 4];
    const random = seededRandom(5);
    const logits = Float64Array.from({ length: n * c }, () => random.normal());
    const upstream = Float64Array.from({ length: n * c }, () => random.normal());
    const dot = (x: Float64Array) => logSoftmaxForward(x, n, c).reduce((a, v, i) => a + v * upstream[i], 0);
    expectGradient(logSoftmaxBackward(logSoftmaxForward(logits, n, c), upstream, n, c), logits, dot);
  });
});

describe('NT-Xent reference backward = finite differences', () => {
  const rows = 6;
  const dim = 3;
  const random = seededRandom(3);
  const z = Float64Array.from({ length: rows * dim }, () => random.normal());
  z.subarray(dim, 2 * dim).forEach((_, d, row) => {
    row[d] *= 50; // a long row: the normalisation must cancel its length
  });
  it.each(['mean', 'sum', 'none'] as Reduction[])('%s', (reduction) => {
    const call = { rows, dim, temperature: 0.3, reduction };
    const run = (x: Float64Array) => ntXentForwardBackward({ ...call, z: x });
    expectGradient(run(z).grad, z, (x) => total(run(x).loss));
  });
});
