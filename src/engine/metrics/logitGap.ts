// How far the winning logit stands above the rest of its row: the largest logit minus the row's
// mean. Logits are shift-invariant under softmax, so the raw largest logit says nothing; this gap is
// what grows when a model becomes more confident, and what label smoothing holds back.

export interface LogitGap {
  /** Mean over rows of (largest logit − mean logit of the row). */
  mean: number;
  /** Largest such gap of any row. */
  max: number;
}

/** logits: [rows, classes]. NaN for no rows. */
export function logitGap(logits: ArrayLike<number>, rows: number, classes: number): LogitGap {
  let total = 0;
  let max = Number.NaN;
  for (let i = 0; i < rows; i++) {
    let top = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const x = logits[i * classes + k];
      sum += x;
      if (x > top) top = x;
    }
    const gap = top - sum / classes;
    total += gap;
    if (!(gap <= max)) max = gap;
  }
  return { mean: rows === 0 ? Number.NaN : total / rows, max };
}
