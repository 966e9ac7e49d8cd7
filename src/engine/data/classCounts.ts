// How many samples each class should get, and how many it has.

/**
 * Per-class counts for `samples` in total, with the last class `imbalance` times rarer than the
 * first: class k's share ∝ imbalance^(−k/(K−1)), a geometric interpolation, so each class is the
 * same factor rarer than the one before. Largest-remainder rounding makes the counts sum to
 * `samples` exactly; a class that still rounds to 0 takes one sample from the largest class, so
 * every class appears. Expects validated input: classes ≥ 2, samples ≥ classes, imbalance ≥ 1.
 */
export function imbalancedCounts(samples: number, classes: number, imbalance: number): Int32Array {
  const shares = Array.from({ length: classes }, (_, k) => imbalance ** (-k / (classes - 1)));
  const total = shares.reduce((sum, share) => sum + share, 0);
  const quotas = shares.map((share) => (samples * share) / total);
  const counts = Int32Array.from(quotas, (quota) => Math.floor(quota));
  let left = samples - counts.reduce((sum, count) => sum + count, 0);
  // Ties go to the lower class index, the more frequent one, so the counts never increase with k.
  const byRemainder = quotas.map((_, k) => k).sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  for (const k of byRemainder) {
    if (left === 0) break;
    counts[k]++;
    left--;
  }
  for (let k = 0; k < classes; k++) {
    if (counts[k] === 0) {
      counts[largestClass(counts)]--;
      counts[k] = 1;
    }
  }
  return counts;
}

function largestClass(counts: Int32Array): number {
  let largest = 0;
  counts.forEach((count, k) => {
    if (count > counts[largest]) largest = k;
  });
  return largest;
}

/** Samples per class; `labels` must hold class indices in [0, classes). */
export function countPerClass(labels: Int32Array, classes: number): Int32Array {
  const counts = new Int32Array(classes);
  for (const y of labels) counts[y]++;
  return counts;
}
