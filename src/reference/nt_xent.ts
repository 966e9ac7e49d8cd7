// float64 reference for shaders/nt_xent.wgsl: the test oracle and the CPU backend.
// Shapes: R = 2N rows, D dims; z [R, D] → loss [1] or [R], similarity [R, R], grad [R, D].
// Math (SimCLR): ẑ = z / max(‖z‖, 1e-12) (for float32 z, ‖z‖ = inf past float32's range, as in
// PyTorch); S = ẑ ẑᵀ; logits = S/τ with the diagonal at −inf;
// ℓ = cross_entropy(logits, partner), partner(i) = (i + N) mod 2N; backward through S and the
// normalisation: ∂ẑ = (G + Gᵀ) ẑ with G = ∂L/∂S, ∂z_i = (∂ẑ_i − ẑ_i (ẑ_i·∂ẑ_i)) / ‖z_i‖.
import type { NtXentCall } from '../core/types';
import { crossEntropyForwardBackward, F32_MAX, overflow } from './cross_entropy';

export const NORMALIZE_EPS = 1e-12; // F.normalize's default

export interface ReferenceNtXent {
  loss: Float64Array;
  grad: Float64Array;
  similarity: Float64Array;
}

/** A validated call; z may be float64 (the finite-difference tests perturb it below f32 resolution). */
export type ReferenceNtXentCall = Omit<NtXentCall, 'z'> & { z: ArrayLike<number> };

export function ntXentForwardBackward({ z, rows, dim, temperature, reduction }: ReferenceNtXentCall): ReferenceNtXent {
  // PyTorch's float32 norm sums the squares in float32: past f32 max (‖z‖ ≳ 1.8e19) it is inf, so
  // ẑ = z/inf = 0 and the row's gradient is 0. Float64 z (finite differences) keeps float64's range.
  const limit = z instanceof Float32Array ? F32_MAX : Number.MAX_VALUE;
  const norms = new Float64Array(rows);
  const zhat = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    for (let d = 0; d < dim; d++) sq = overflow(sq + overflow(z[i * dim + d] ** 2, limit), limit);
    norms[i] = Math.sqrt(sq);
    const denominator = Math.max(norms[i], NORMALIZE_EPS);
    for (let d = 0; d < dim; d++) zhat[i * dim + d] = z[i * dim + d] / denominator;
  }

  const similarity = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += zhat[i * dim + d] * zhat[j * dim + d];
      similarity[i * rows + j] = s;
    }
  }

  const logits = similarity.map((s, k) => (k % (rows + 1) === 0 ? -Infinity : s / temperature));
  const partner = Int32Array.from({ length: rows }, (_, i) => (i + rows / 2) % rows);
  const ce = crossEntropyForwardBackward({
    logits,
    n: rows,
    c: rows,
    target: partner,
    targetKind: 'index',
    weight: undefined,
    ignoreIndex: -100,
    reduction,
    labelSmoothing: 0,
  });

  // ∂L/∂S = ∂L/∂logits / τ; S is symmetric in ẑ, so ∂ẑ_i = Σ_j (G_ij + G_ji) ẑ_j.
  const dzhat = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      const g = (ce.grad[i * rows + j] + ce.grad[j * rows + i]) / temperature;
      for (let d = 0; d < dim; d++) dzhat[i * dim + d] += g * zhat[j * dim + d];
    }
  }

  const grad = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    const row = i * dim;
    if (norms[i] < NORMALIZE_EPS) {
      for (let d = 0; d < dim; d++) grad[row + d] = dzhat[row + d] / NORMALIZE_EPS;
      continue;
    }
    let radial = 0;
    for (let d = 0; d < dim; d++) radial += zhat[row + d] * dzhat[row + d];
    for (let d = 0; d < dim; d++) grad[row + d] = (dzhat[row + d] - zhat[row + d] * radial) / norms[i];
  }
  return { loss: ce.loss, grad, similarity };
}
