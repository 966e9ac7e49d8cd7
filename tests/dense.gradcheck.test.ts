// The float64 dense reference's backward against central finite differences of its own forward:
// for L = Σ dy ⊙ y(x, weight, bias), dx, dweight and dbias must be ∂L/∂x, ∂L/∂weight, ∂L/∂bias.
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, type DenseShape } from '../src/core/types';
import { denseBackward, denseForward } from '../src/reference/dense';
import { expectGradient } from './support/gradcheck';
import { seededRandom } from './support/random';

describe('dense reference backward = finite differences', () => {
  const [batch, inputs, outputs] = [4, 3, 5];
  const random = seededRandom(21);
  const normal = (length: number, scale: number) => Float64Array.from({ length }, () => scale * random.normal());
  // z spans −3.1 .. 3.4: the saturating tails of tanh and sigmoid and both sides of GELU's dip.
  const x = normal(batch * inputs, 2);
  const weight = normal(outputs * inputs, 1);
  const bias = normal(outputs, 0.5);
  const dy = normal(batch * outputs, 1);

  it.each(ACTIVATIONS)('%s', (activation) => {
    const shape: DenseShape = { batch, inputs, outputs, activation };
    const { z } = denseForward(x, weight, bias, shape);
    // A perturbation of h moves z by ≤ h·max(|x|, |weight|, 1) < 1e-4: no ReLU kink may lie that close.
    expect(Math.min(...z.map(Math.abs))).toBeGreaterThan(1e-3);
    const loss = (xs: Float64Array, ws: Float64Array, bs: Float64Array) =>
      denseForward(xs, ws, bs, shape).y.reduce((sum, v, k) => sum + v * dy[k], 0);
    const grads = denseBackward(dy, x, weight, z, shape);
    expectGradient(grads.dx, x, (xs) => loss(xs, weight, bias), 'dx');
    expectGradient(grads.dweight, weight, (ws) => loss(x, ws, bias), 'dweight');
    expectGradient(grads.dbias, bias, (bs) => loss(x, weight, bs), 'dbias');
  });
});
