// The large confusion matrix's summaries: largest confusions in order, the heatmap's scale, the
// diagonal share; at 1,000 classes (10⁶ cells), where a spread into Math.max overflowed the stack.
import { describe, expect, it } from 'vitest';
import { diagonalShare, largestCount, topConfusions } from '../../src/ui/views/confusionSummary';

describe('confusion summaries', () => {
  it('lists the largest off-diagonal cells, largest first, ties in cell order, zeros left out', () => {
    // 3 classes: true 0 → predicted 2 (5), true 1 → 0 (7), true 2 → 1 (5), diagonal large.
    const confusion = Int32Array.from([50, 0, 5, 7, 40, 0, 0, 5, 30]);
    expect(topConfusions(confusion, 3, 2)).toEqual([
      { actual: 1, predicted: 0, count: 7 },
      { actual: 0, predicted: 2, count: 5 },
    ]);
    expect(topConfusions(confusion, 3, 10)).toHaveLength(3);
    expect(topConfusions(Int32Array.from([3, 0, 0, 4]), 2, 5)).toEqual([]);
  });

  it('handles 1,000 classes without a stack overflow and finds the planted confusions', () => {
    const C = 1000;
    const confusion = new Int32Array(C * C);
    for (let k = 0; k < C; k++) confusion[k * C + k] = 3;
    confusion[17 * C + 900] = 9;
    confusion[999 * C + 0] = 8;
    confusion[5 * C + 6] = 1;
    expect(largestCount(confusion)).toBe(9);
    expect(topConfusions(confusion, C, 2)).toEqual([
      { actual: 17, predicted: 900, count: 9 },
      { actual: 999, predicted: 0, count: 8 },
    ]);
    expect(diagonalShare(confusion, C)).toBeCloseTo(3000 / 3018, 12); // exact ratio; 12 digits is float64 rounding
  });

  it('scales an empty matrix by 1 and calls its diagonal share NaN', () => {
    expect(largestCount(new Int32Array(4))).toBe(1);
    expect(diagonalShare(new Int32Array(4), 2)).toBeNaN();
  });
});
