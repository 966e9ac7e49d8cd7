// What contrastive training does to the embedding (Wang & Isola 2020): alignment (positive pairs
// close) and uniformity (all points spread over the sphere), plus the mean cosine similarity of
// positive and of negative pairs. Input: [2N, P] embeddings of two views, row i ↔ row i + N.

export interface EmbeddingStats {
  /** E‖ẑ_i − ẑ_{i+N}‖², lower is better aligned; in [0, 4]. */
  alignment: number;
  /** log E_{i≠j} exp(−2‖ẑ_i − ẑ_j‖²), lower is more uniform; in [−8, 0]. */
  uniformity: number;
  positiveSimilarity: number;
  negativeSimilarity: number;
}

export function normalizeRows(z: ArrayLike<number>, rows: number, dim: number): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    for (let d = 0; d < dim; d++) sq += z[i * dim + d] ** 2;
    const inv = 1 / Math.max(Math.sqrt(sq), 1e-12); // F.normalize's eps
    for (let d = 0; d < dim; d++) out[i * dim + d] = z[i * dim + d] * inv;
  }
  return out;
}

export function embeddingStats(z: ArrayLike<number>, rows: number, dim: number): EmbeddingStats {
  const zhat = normalizeRows(z, rows, dim);
  const half = rows / 2;
  const cosine = (i: number, j: number) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += zhat[i * dim + d] * zhat[j * dim + d];
    return s;
  };
  let positive = 0;
  let negative = 0;
  let negatives = 0;
  let gaussian = 0;
  let pairs = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      const s = cosine(i, j);
      gaussian += Math.exp(-2 * (2 - 2 * s)); // ‖ẑ_i − ẑ_j‖² = 2 − 2 cos for unit rows
      pairs++;
      if (j === i + half) {
        positive += s;
      } else {
        negative += s;
        negatives++;
      }
    }
  }
  const positiveSimilarity = positive / half;
  return {
    alignment: 2 - 2 * positiveSimilarity,
    uniformity: Math.log(gaussian / pairs),
    positiveSimilarity,
    negativeSimilarity: negative / negatives,
  };
}
