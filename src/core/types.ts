// The kernels' call types, shared by the engine's API, its validation, the GPU kernels and the
// float64 references.

export type Reduction = 'mean' | 'sum' | 'none';
export type TargetKind = 'index' | 'probs';

export interface CrossEntropyArgs {
  /** [n, c] row-major. −inf marks a masked class; NaN and +inf give NaN rows, as in PyTorch. */
  logits: Float32Array;
  n: number;
  c: number;
  /** Int32Array [n] of class indices (or ignoreIndex), or Float32Array [n, c] of class probabilities in [0, 1]. */
  target: Int32Array | Float32Array;
  /** [c], any finite number (negative too, as PyTorch). Omitted means every class weighs 1. */
  weight?: Float32Array;
  /** Index targets equal to this add nothing and get zero gradient. Default −100; must be < 0 with probabilities. */
  ignoreIndex?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
  /** ε in [0, 1]; default 0. */
  labelSmoothing?: number;
}

export interface LossResult {
  /** [1], or [n] for reduction 'none'. */
  loss: Float32Array;
  /** ∂loss/∂input; for 'none', ∂(Σ loss)/∂input. */
  grad: Float32Array;
}

export interface NtXentArgs {
  /** [rows, dim] row-major, finite. Row i and row (i + rows/2) mod rows are a positive pair. */
  z: Float32Array;
  rows: number;
  dim: number;
  /** τ > 0, finite. */
  temperature: number;
  /** Default 'mean' (over all rows). */
  reduction?: Reduction;
}

export interface NtXentResult extends LossResult {
  /** [rows, rows]: cosine similarity ẑ ẑᵀ of the normalised rows, diagonal included, not divided by τ. */
  similarity: Float32Array;
}

export interface LogSoftmaxArgs {
  logits: Float32Array;
  n: number;
  c: number;
}

/** Arguments after validation, with defaults filled in. */
export interface CrossEntropyCall {
  logits: Float32Array;
  n: number;
  c: number;
  target: Int32Array | Float32Array;
  targetKind: TargetKind;
  weight: Float32Array | undefined;
  ignoreIndex: number;
  reduction: Reduction;
  labelSmoothing: number;
}

export interface NtXentCall {
  z: Float32Array;
  rows: number;
  dim: number;
  temperature: number;
  reduction: Reduction;
}

/** nn.Linear followed by one of these (shaders/dense.wgsl, src/reference/dense.ts). */
export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseShape {
  batch: number;
  inputs: number;
  outputs: number;
  activation: Activation;
}
