// float64 reference for shaders/log_softmax.wgsl: the test oracle and the CPU backend.
// Shapes: N rows, C classes; logits [N, C] → log-probabilities [N, C].
// Math: out_ij = x_ij − m_i − log Σ_k exp(x_ik − m_i), m_i = max_k x_ik. Written as PyTorch computes
// it, so IEEE gives PyTorch's answers for −inf (stays −inf), +inf and NaN (whole row NaN).

export function logSoftmaxForward(logits: ArrayLike<number>, n: number, c: number): Float64Array {
  const out = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const base = i * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, logits[base + j]);
    let total = 0;
    for (let j = 0; j < c; j++) total += Math.exp(logits[base + j] - max);
    const logTotal = Math.log(total);
    for (let j = 0; j < c; j++) out[base + j] = logits[base + j] - max - logTotal;
  }
  return out;
}

/** ∂L/∂x from ∂L/∂logp: g_ij − exp(logp_ij)·Σ_k g_ik (autograd's log_softmax backward). */
export function logSoftmaxBackward(logp: Float64Array, gradLogp: Float64Array, n: number, c: number): Float64Array {
  const grad = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    const base = i * c;
    let sum = 0;
    for (let j = 0; j < c; j++) sum += gradLogp[base + j];
    for (let j = 0; j < c; j++) grad[base + j] = gradLogp[base + j] - Math.exp(logp[base + j]) * sum;
  }
  return grad;
}
