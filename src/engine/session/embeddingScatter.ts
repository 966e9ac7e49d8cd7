// The contrastive scatter: embeddings projected on their first two principal axes, in float64 on
// the CPU from what the trainer returns.

/** [n, 2]: rows projected on the first two principal axes (power iteration on the covariance). */
export function principalPlane(z: Float64Array, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += z[i * dim + k] / n;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dim; a++) {
      const da = z[i * dim + a] - mean[a];
      for (let b = 0; b < dim; b++) cov[a * dim + b] += (da * (z[i * dim + b] - mean[b])) / n;
    }
  }
  const axes: Float64Array[] = [];
  for (let axis = 0; axis < Math.min(2, dim); axis++) {
    let v = Float64Array.from({ length: dim }, (_, k) => 1 / Math.sqrt(dim) + (k === axis ? 0.5 : 0));
    for (let iteration = 0; iteration < 60; iteration++) {
      const next = new Float64Array(dim);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) next[a] += cov[a * dim + b] * v[b];
      for (const u of axes) {
        const dot = next.reduce((sum, x, k) => sum + x * u[k], 0);
        for (let k = 0; k < dim; k++) next[k] -= dot * u[k];
      }
      // A loop, not Math.hypot(...next): a spread puts every element on the call stack.
      let squares = 0;
      for (const x of next) squares += x * x;
      const norm = Math.sqrt(squares) || 1;
      v = next.map((x) => x / norm);
    }
    axes.push(v);
  }
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    axes.forEach((u, a) => {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (z[i * dim + k] - mean[k]) * u[k];
      out[i * 2 + a] = dot;
    });
  }
  return out;
}
