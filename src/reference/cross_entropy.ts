// float64 reference for shaders/cross_entropy.wgsl: the test oracle and the CPU backend.
// Shapes: N rows, C classes; logits [N, C], target [N] indices or [N, C] probabilities, weight [C].
// Math, as PyTorch's LossNLL.cpp composes it (logp = log_softmax(x), w = 1 when no weight):
//   indices: nll_i = −w_y·logp_iy, smooth_i = −Σ_c w_c·logp_ic (both 0 for ignored rows);
//            'mean' = (1−ε)·Σnll/W + ε/C·Σsmooth/W with W = Σ_{kept} w_y  (the pytorch#104776 quirk:
//            the smoothing term is weighted per class but divided by the targets' weights);
//            'sum' and 'none' drop /W.
//   probabilities: ℓ_i = −Σ_c (logp_ic·q'_ic)·w_c, q' = (1−ε)·q + ε/C; 'mean' divides by N.
// The gradient is autograd's: ∂L/∂logp, then log_softmax's backward.
// PyTorch computes in its inputs' dtype. For float32 logits, where its f32 intermediates overflow, so
// does this: a log-probability below −(f32 max) is −inf (its x − max overflows), and a product or
// sum past f32 max is ±inf: w_y·logp, the smoothing term −Σ_c w_c·logp_c, a probability target's
// row loss, the running sums of the row losses and of the kept weights W (weights [3e38]×3 give
// W = inf and, with an overflowed Σnll, a 'mean' of inf/inf = NaN, as PyTorch's float32 does).
// Only overflow is mimicked, not float32 rounding, so ordinary inputs keep float64's answer.
// Float64 logits (the CPU trainer's float64 model, NT-Xent's S/τ) stay float64 throughout.
import type { CrossEntropyCall } from '../core/types';
import { logSoftmaxBackward, logSoftmaxForward } from './log_softmax';

export interface ReferenceLoss {
  loss: Float64Array;
  grad: Float64Array;
}

/** A validated call; logits may be float64 (the NT-Xent reference passes S/τ unrounded). */
export type ReferenceCrossEntropyCall = Omit<CrossEntropyCall, 'logits'> & { logits: ArrayLike<number> };

export const F32_MAX = 3.4028234663852886e38;

/** x as a dtype whose largest finite value is `limit` holds it: ±inf past the limit. */
export function overflow(x: number, limit: number): number {
  return x > limit ? Number.POSITIVE_INFINITY : x < -limit ? Number.NEGATIVE_INFINITY : x;
}

export function crossEntropyForwardBackward(call: ReferenceCrossEntropyCall): ReferenceLoss {
  const { n, c } = call;
  const limit = call.logits instanceof Float32Array ? F32_MAX : Number.MAX_VALUE;
  const logp = logSoftmaxForward(call.logits, n, c).map((v) => (v < -limit ? -Infinity : v));
  const weight = call.weight ?? new Float32Array(c).fill(1);
  const terms =
    call.targetKind === 'index' ? indexTargetTerms(call, logp, weight, limit) : probabilityTargetTerms(call, logp, weight, limit);
  return { loss: reduce(terms, call, limit), grad: logSoftmaxBackward(logp, terms.gradLogp, n, c) };
}

interface Terms {
  /** Row losses, as 'none' returns them. */
  rowLoss: Float64Array;
  /** Index targets: the two parts, which 'mean' divides by W separately (0/0 is NaN even if Σsmooth > 0). */
  parts?: { nll: Float64Array; smooth: Float64Array };
  gradLogp: Float64Array;
  denominator: number;
}

/** `limit`: the largest finite value of the logits' dtype; a sum over classes past it is +inf. */
function indexTargetTerms(call: ReferenceCrossEntropyCall, logp: Float64Array, weight: Float32Array, limit: number): Terms {
  const { n, c, labelSmoothing: eps, ignoreIndex } = call;
  const target = call.target as Int32Array;
  const nll = new Float64Array(n);
  const smooth = new Float64Array(n);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const y = target[i];
    if (y === ignoreIndex) continue;
    totalWeight = overflow(totalWeight + weight[y], limit);
    nll[i] = overflow(-weight[y] * logp[i * c + y], limit);
    if (eps > 0) for (let k = 0; k < c; k++) smooth[i] = overflow(smooth[i] - overflow(logp[i * c + k] * weight[k], limit), limit);
  }
  const scale = call.reduction === 'mean' ? 1 / totalWeight : 1;
  const gradLogp = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const y = target[i];
    if (y === ignoreIndex) continue;
    gradLogp[i * c + y] -= (1 - eps) * weight[y] * scale;
    if (eps > 0) for (let k = 0; k < c; k++) gradLogp[i * c + k] -= (eps / c) * weight[k] * scale;
  }
  const rowLoss = nll.map((v, i) => (eps > 0 ? (1 - eps) * v + smooth[i] * (eps / c) : v));
  return { rowLoss, parts: { nll, smooth }, gradLogp, denominator: totalWeight };
}

function probabilityTargetTerms(call: ReferenceCrossEntropyCall, logp: Float64Array, weight: Float32Array, limit: number): Terms {
  const { n, c, labelSmoothing: eps } = call;
  const target = call.target as Float32Array;
  const scale = call.reduction === 'mean' ? 1 / n : 1;
  const rowLoss = new Float64Array(n);
  const gradLogp = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      const q = eps > 0 ? target[i * c + k] * (1 - eps) + eps / c : target[i * c + k];
      rowLoss[i] = overflow(rowLoss[i] - overflow(logp[i * c + k] * q * weight[k], limit), limit);
      gradLogp[i * c + k] = -q * weight[k] * scale;
    }
  }
  return { rowLoss, gradLogp, denominator: n };
}

function reduce({ rowLoss, parts, denominator }: Terms, call: ReferenceCrossEntropyCall, limit: number): Float64Array {
  const sum = (values: Float64Array) => values.reduce((a, b) => overflow(a + b, limit), 0);
  if (call.reduction === 'none') return rowLoss;
  if (call.reduction === 'sum') return Float64Array.of(sum(rowLoss));
  if (!parts) return Float64Array.of(sum(rowLoss) / denominator);
  const eps = call.labelSmoothing;
  const nllMean = sum(parts.nll) / denominator;
  return Float64Array.of(eps > 0 ? (1 - eps) * nllMean + (sum(parts.smooth) / denominator) * (eps / call.c) : nllMean);
}
