import { describe, expect, it } from 'vitest';
import { confidenceRows, softmaxRows } from '../../src/engine/session/predictionRows';

// Rows of 3 logits: equal (uniform), one large (confident), and extreme values that overflow a naive exp.
const logits = Float32Array.from([0, 0, 0, 2, 0, 0, 1000, -1000, 0]);

describe('prediction rows', () => {
  it('gives each row its softmax, stable for extreme logits', () => {
    const p = softmaxRows(logits, 3);
    const e = Math.exp(2);
    const expected = [1 / 3, 1 / 3, 1 / 3, e / (e + 2), 1 / (e + 2), 1 / (e + 2), 1, 0, 0];
    // Float32 storage: relative error ≤ 2⁻²⁴ ≈ 6e-8, so 7 digits.
    for (const [i, v] of expected.entries()) expect(p[i]).toBeCloseTo(v, 7);
  });

  it("gives the predicted class's probability per row", () => {
    const c = confidenceRows(logits, 3, Int32Array.from([0, 0, 0]));
    const e = Math.exp(2);
    expect(c[0]).toBeCloseTo(1 / 3, 7);
    expect(c[1]).toBeCloseTo(e / (e + 2), 7);
    expect(c[2]).toBeCloseTo(1, 7);
  });
});
