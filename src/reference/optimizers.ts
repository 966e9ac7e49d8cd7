// float64 reference for shaders/optimizers.wgsl: torch.optim's single-tensor SGD, Adam and AdamW.
// Shapes: L entries; params, grads and every state array are [L], updated in place.
// Math (t = 1, 2, … counts steps; λ weight decay, μ momentum, τ dampening):
//   SGD:   d = g + λ·p;  b = d on the first momentum step, else μ·b + (1−τ)·d;
//          d = d + μ·b (Nesterov) or b;  p ← p − lr·d   (no b at all when μ = 0)
//   Adam:  d = g + λ·p;  m = β1·m + (1−β1)·d;  v = β2·v + (1−β2)·d²;
//          p ← p − (lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε)
//   AdamW: p ← p·(1 − lr·λ) first (decoupled decay), then Adam with d = g.
import {
  type AdamHyperparameters,
  adamBiasCorrection,
  type OptimizerHyperparameters,
  type OptimizerState,
  type SgdHyperparameters,
} from '../core/optimizerConfig';

export interface SgdState {
  /** null until the first step with μ ≠ 0, as PyTorch's `momentum_buffer` is None until then. */
  momentumBuffer: Float64Array | null;
}

export interface AdamState {
  /** Steps taken so far (PyTorch's state['step']). */
  step: number;
  expAvg: Float64Array;
  expAvgSq: Float64Array;
}

export function sgdState(): SgdState {
  return { momentumBuffer: null };
}

export function adamState(length: number): AdamState {
  return { step: 0, expAvg: new Float64Array(length), expAvgSq: new Float64Array(length) };
}

export function sgdStep(params: Float64Array, grads: ArrayLike<number>, state: SgdState, h: SgdHyperparameters): void {
  const { lr, momentum, dampening, weightDecay, nesterov } = h;
  const firstMomentumStep = state.momentumBuffer === null;
  if (momentum !== 0 && firstMomentumStep) state.momentumBuffer = new Float64Array(params.length);
  const buffer = momentum === 0 ? null : state.momentumBuffer;
  for (let i = 0; i < params.length; i++) {
    let d = grads[i] + weightDecay * params[i];
    if (buffer) {
      buffer[i] = firstMomentumStep ? d : momentum * buffer[i] + (1 - dampening) * d;
      d = nesterov ? d + momentum * buffer[i] : buffer[i];
    }
    params[i] -= lr * d;
  }
}

/** Adam; with `decoupled`, AdamW (weightDecay shrinks p directly and never enters the gradient). */
export function adamStep(
  params: Float64Array,
  grads: ArrayLike<number>,
  state: AdamState,
  h: AdamHyperparameters,
  decoupled: boolean,
): void {
  const { lr, beta1, beta2, eps, weightDecay } = h;
  state.step += 1;
  const { stepSize, biasCorrection2Sqrt } = adamBiasCorrection(h, state.step);
  const { expAvg: m, expAvgSq: v } = state;
  for (let i = 0; i < params.length; i++) {
    if (decoupled) params[i] *= 1 - lr * weightDecay;
    const d = decoupled ? grads[i] : grads[i] + weightDecay * params[i];
    m[i] = beta1 * m[i] + (1 - beta1) * d;
    v[i] = beta2 * v[i] + (1 - beta2) * d * d;
    params[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / biasCorrection2Sqrt + eps);
  }
}

/** The CPU twin of the GPU Optimizer class: one state, hyperparameters that change between steps. */
export class ReferenceOptimizer {
  /** The state torch.optim keeps for this optimizer's kind (the other one stays empty). */
  sgd = sgdState();
  adam: AdamState;

  constructor(
    readonly length: number,
    public hyperparameters: OptimizerHyperparameters,
  ) {
    this.adam = adamState(length);
  }

  step(params: Float64Array, grads: ArrayLike<number>): void {
    const h = this.hyperparameters;
    if (h.kind === 'sgd') sgdStep(params, grads, this.sgd, h);
    else adamStep(params, grads, this.adam, h, h.kind === 'adamw');
  }

  /** The state of the kind in force, rounded to float32 (for a move to the GPU trainer). */
  exportState(): OptimizerState {
    const h = this.hyperparameters;
    if (h.kind === 'sgd') {
      const buffer = this.sgd.momentumBuffer;
      return { kind: 'sgd', momentumBuffer: buffer && Float32Array.from(buffer) };
    }
    const { step, expAvg, expAvgSq } = this.adam;
    return { kind: h.kind, step, expAvg: Float32Array.from(expAvg), expAvgSq: Float32Array.from(expAvgSq) };
  }

  reset(): void {
    this.sgd = sgdState();
    this.adam = adamState(this.length);
  }
}
