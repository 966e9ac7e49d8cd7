// float64 reference for shaders/dense.wgsl: PyTorch's nn.Linear followed by an activation.
// Shapes: B batch rows, I inputs, O outputs; x [B, I], weight [O, I] (nn.Linear's layout), bias [O],
// z and y [B, O]; dy [B, O] → dx [B, I], dweight [O, I], dbias [O].
// Math: z = x weightᵀ + bias, y = act(z); dz = dy ⊙ act'(z), dx = dz weight, dweight = dzᵀ x,
// dbias = Σ_batch dz. GELU is PyTorch's exact form z·Φ(z) = 0.5·z·(1 + erf(z/√2)).
import type { Activation, DenseShape } from '../core/types';

/** erf by its everywhere-convergent series of positive terms (Abramowitz & Stegun 7.1.6). */
export function erf(v: number): number {
  const a = Math.abs(v);
  if (a >= 6) return Math.sign(v); // erfc(6) ≈ 2e-17 is below half an ulp of 1
  let term = a;
  let sum = a;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(v) * (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}

const normalCdf = (v: number) => 0.5 * (1 + erf(v * Math.SQRT1_2));
const normalPdf = (v: number) => Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Each activation with its derivative; ReLU's is 0 at the kink, as PyTorch's threshold_backward. */
export const ACTIVATION_FUNCTIONS: Record<Activation, { forward(v: number): number; derivative(v: number): number }> = {
  linear: { forward: (v) => v, derivative: () => 1 },
  relu: { forward: (v) => Math.max(v, 0), derivative: (v) => (v > 0 ? 1 : 0) },
  tanh: { forward: Math.tanh, derivative: (v) => 1 - Math.tanh(v) ** 2 },
  sigmoid: { forward: sigmoid, derivative: (v) => sigmoid(v) * (1 - sigmoid(v)) },
  gelu: { forward: (v) => v * normalCdf(v), derivative: (v) => normalCdf(v) + v * normalPdf(v) },
};

export function denseForward(
  x: ArrayLike<number>,
  weight: ArrayLike<number>,
  bias: ArrayLike<number>,
  { batch, inputs, outputs, activation }: DenseShape,
): { z: Float64Array; y: Float64Array } {
  const z = new Float64Array(batch * outputs);
  for (let r = 0; r < batch; r++) {
    for (let o = 0; o < outputs; o++) {
      let sum = bias[o];
      for (let i = 0; i < inputs; i++) sum += x[r * inputs + i] * weight[o * inputs + i];
      z[r * outputs + o] = sum;
    }
  }
  return { z, y: z.map(ACTIVATION_FUNCTIONS[activation].forward) };
}

export function denseBackward(
  dy: ArrayLike<number>,
  x: ArrayLike<number>,
  weight: ArrayLike<number>,
  z: ArrayLike<number>,
  { batch, inputs, outputs, activation }: DenseShape,
): { dx: Float64Array; dweight: Float64Array; dbias: Float64Array } {
  const { derivative } = ACTIVATION_FUNCTIONS[activation];
  const dz = Float64Array.from(z, (v, k) => dy[k] * derivative(v));
  const dx = new Float64Array(batch * inputs);
  const dweight = new Float64Array(outputs * inputs);
  const dbias = new Float64Array(outputs);
  for (let r = 0; r < batch; r++) {
    for (let o = 0; o < outputs; o++) {
      const g = dz[r * outputs + o];
      dbias[o] += g;
      for (let i = 0; i < inputs; i++) {
        dx[r * inputs + i] += g * weight[o * inputs + i];
        dweight[o * inputs + i] += g * x[r * inputs + i];
      }
    }
  }
  return { dx, dweight, dbias };
}
