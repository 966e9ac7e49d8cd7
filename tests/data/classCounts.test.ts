// Per-class counts under imbalance: geometric shares, largest-remainder rounding, at least one each.
import { describe, expect, it } from 'vitest';
import { countPerClass, generateDataset, imbalancedCounts } from '../../src/engine/data';

describe('imbalancedCounts', () => {
  it('splits 1:10 over K = 3 geometrically, rounding by largest remainder', () => {
    // Shares 10^0, 10^−½, 10^−1 = 1, 0.316228, 0.1 (sum 1.416228); quotas of 300: 211.830, 66.987, 21.183.
    // Floors 211 + 66 + 21 = 298; the 2 left go to the largest remainders, .987 (class 1) then .830 (class 0).
    expect(Array.from(imbalancedCounts(300, 3, 10))).toEqual([212, 67, 21]);
  });

  it('is balanced at ratio 1, the remainder going to the first classes', () => {
    expect(Array.from(imbalancedCounts(10, 3, 1))).toEqual([4, 3, 3]);
  });

  it('gives every class at least one sample, taken from the largest', () => {
    // 1:100 over K = 4, 20 samples: quotas 15.725, 3.388, 0.730, 0.157 → floors 15, 3, 0, 0; the 2 left
    // go to .730 (class 2) and .725 (class 0) → [16, 3, 1, 0]; class 3 then takes one from class 0.
    expect(Array.from(imbalancedCounts(20, 4, 100))).toEqual([15, 3, 1, 1]);
  });

  it('always sums to the total and never increases with the class index', () => {
    for (const [samples, classes, ratio] of [
      [7, 7, 1e6],
      [1000, 10, 37.5],
      [101, 2, 1],
      [99_999, 9, 3],
    ]) {
      const counts = Array.from(imbalancedCounts(samples, classes, ratio));
      expect(counts.reduce((a, b) => a + b)).toBe(samples);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      for (let k = 1; k < classes; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]);
    }
  });

  it('is what the generators produce', () => {
    const data = generateDataset('spirals', { seed: 1, samples: 300, noise: 0.1, classes: 3, imbalance: 10 });
    expect(Array.from(countPerClass(data.labels, 3))).toEqual([212, 67, 21]);
  });
});
