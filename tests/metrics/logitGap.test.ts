import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../src/engine/metrics/classification';
import { logitGap } from '../../src/engine/metrics/logitGap';

describe('logitGap', () => {
  it('is the top logit minus the row mean, shift-invariant, averaged and maxed over rows', () => {
    // Rows [3, 0, 0] → 3 − 1 = 2, and [11, 12, 10] → 12 − 11 = 1.
    expect(logitGap([3, 0, 0, 11, 12, 10], 2, 3)).toEqual({ mean: 1.5, max: 2 });
    expect(logitGap([103, 100, 100], 1, 3)).toEqual({ mean: 2, max: 2 });
    expect(Number.isNaN(logitGap([], 0, 3).mean)).toBe(true);
  });
});

describe('reliability bins', () => {
  it('count each row once in its confidence bin, with that bin’s mean confidence and accuracy', () => {
    // Two rows with confidence 1/3 (equal logits, argmax 0): one right (label 0), one wrong.
    const metrics = classificationMetrics([0, 0, 0, 0, 0, 0], [0, 1], 3);
    const filled = metrics.reliability.filter((b) => b.count > 0);
    expect(filled).toHaveLength(1);
    expect(filled[0].count).toBe(2);
    expect(filled[0].confidence).toBeCloseTo(1 / 3, 12); // float64 sums of two equal terms
    expect(filled[0].accuracy).toBe(0.5);
    expect(metrics.reliability.reduce((n, b) => n + b.count, 0)).toBe(2);
  });
});
