// Summaries of a large confusion matrix (row = true class, column = predicted), in loops over the
// flat counts: a 1,000-class matrix has 10⁶ cells, too many for a DOM cell each or a spread.

export interface Confusion {
  actual: number;
  predicted: number;
  count: number;
}

/** The largest count in the matrix, at least 1 (the heatmap's scale). */
export function largestCount(confusion: ArrayLike<number>): number {
  let max = 1;
  for (let i = 0; i < confusion.length; i++) if (confusion[i] > max) max = confusion[i];
  return max;
}

/** The `limit` largest off-diagonal cells, largest first (ties: the earlier cell first); zeros left out. */
export function topConfusions(confusion: ArrayLike<number>, classes: number, limit: number): Confusion[] {
  const top: Confusion[] = [];
  for (let a = 0; a < classes; a++) {
    for (let p = 0; p < classes; p++) {
      const count = confusion[a * classes + p];
      if (a === p || count === 0) continue;
      if (top.length === limit && count <= top[top.length - 1].count) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].count < count) at--;
      top.splice(at, 0, { actual: a, predicted: p, count });
      if (top.length > limit) top.pop();
    }
  }
  return top;
}

/** Validation samples on the diagonal over all of them; NaN when there are none. */
export function diagonalShare(confusion: ArrayLike<number>, classes: number): number {
  let total = 0;
  let diagonal = 0;
  for (let i = 0; i < confusion.length; i++) total += confusion[i];
  for (let k = 0; k < classes; k++) diagonal += confusion[k * classes + k];
  return diagonal / total;
}
