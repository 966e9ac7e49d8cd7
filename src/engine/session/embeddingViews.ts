// What the contrastive views draw, in float64 on the CPU from embeddings the trainer returns: the
// cosine similarity matrix, the NT-Xent loss of a probe batch, and a 2-D projection for the scatter.
import { ntXentForwardBackward } from '../../reference/nt_xent';

export function cosineMatrix(zhat: Float64Array, rows: number, dim: number): Float64Array {
  const s = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += zhat[i * dim + k] * zhat[j * dim + k];
      s[i * rows + j] = dot;
      s[j * rows + i] = dot;
    }
  }
  return s;
}

/** Mean NT-Xent of [rows, dim] embeddings (row i pairs with i + rows/2): the float64 reference's. */
export function ntXentLoss(z: Float32Array, rows: number, dim: number, temperature: number): number {
  return ntXentForwardBackward({ z, rows, dim, temperature, reduction: 'mean' }).loss[0];
}

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
      const norm = Math.hypot(...next) || 1;
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
