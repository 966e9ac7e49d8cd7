// Class-weight presets on counts [6, 3, 1] (n = 10, K = 3), against values computed by hand.
import { describe, expect, it } from 'vitest';
import { type ClassWeightPreset, classWeights } from '../../src/engine/data';
import { expectClose } from '../support/compare';

const labels = Int32Array.from([0, 1, 0, 2, 0, 1, 0, 0, 1, 0]); // 6 × class 0, 3 × class 1, 1 × class 2
const counts = [6, 3, 1];
// The weights are float32 roundings of float64 values (relative error ≤ 2^−24 ≈ 6e-8), and the hand
// values below carry 10 significant digits: rtol 1e-7 covers both.
const F32 = { atol: 0, rtol: 1e-7 };

const meanOverSamples = (w: Float32Array) => counts.reduce((s, count, k) => s + count * w[k], 0) / 10;

describe('classWeights', () => {
  it('uniform: every class 1', () => {
    expect(Array.from(classWeights(labels, 3, { kind: 'uniform' }))).toEqual([1, 1, 1]);
  });

  it("inverse frequency: n / (K · count_k), sklearn's 'balanced'", () => {
    const w = classWeights(labels, 3, { kind: 'inverse-frequency' });
    expectClose(w, [10 / 18, 10 / 9, 10 / 3], F32, 'inverse frequency');
    expect(meanOverSamples(w)).toBeCloseTo(1, 6);
  });

  it('inverse square-root frequency: ∝ 1/√count_k, with mean weight 1 over the samples', () => {
    // √counts = 2.449489743, 1.732050808, 1 (sum 5.181540550); w_k = n / (√count_k · 5.181540550).
    const w = classWeights(labels, 3, { kind: 'inverse-sqrt-frequency' });
    expectClose(w, [0.7878897916, 1.114244429, 1.929927963], F32, 'inverse sqrt frequency');
    expect(meanOverSamples(w)).toBeCloseTo(1, 6);
  });

  it('effective number (β = 0.9): (1 − β)/(1 − β^count_k), scaled to sum to K', () => {
    // Raw: 0.1/(1 − 0.9^6) = 0.2134202950, 0.1/(1 − 0.9^3) = 0.3690036900, 0.1/0.1 = 1; sum 1.582423985.
    const w = classWeights(labels, 3, { kind: 'effective-number', beta: 0.9 });
    expectClose(w, [0.4046076722, 0.6995666652, 1.895825663], F32, 'effective number');
    expect(w.reduce((s, x) => s + x)).toBeCloseTo(3, 6);
  });

  it('effective number is uniform at β = 0 and tends to inverse frequency as β → 1', () => {
    expectClose(classWeights(labels, 3, { kind: 'effective-number', beta: 0 }), [1, 1, 1], F32, 'β = 0');
    // As β → 1, (1 − β)/(1 − β^c) → 1/c; scaled to sum 3: 3 · [1/6, 1/3, 1] / 1.5. At β = 1 − 1e-9 the
    // first-order term is ~(c − 1)/2 · 1e-9, far inside 1e-6.
    expectClose(classWeights(labels, 3, { kind: 'effective-number', beta: 1 - 1e-9 }), [1 / 3, 2 / 3, 2], { atol: 0, rtol: 1e-6 }, 'β → 1');
  });

  it("'wrong': the inverse-frequency weights reversed, most weight on the most frequent class", () => {
    const w = classWeights(labels, 3, { kind: 'wrong' });
    expectClose(w, [10 / 3, 10 / 9, 10 / 18], F32, 'wrong');
    expect(w[0]).toBeGreaterThan(w[1]);
    expect(w[1]).toBeGreaterThan(w[2]);
  });

  it("'wrong' ranks by frequency, not by class index", () => {
    // Counts [1, 6, 3]: class 1 is the most frequent and gets the rarest class's weight, 10 / (3 · 1).
    const shuffled = Int32Array.from([1, 1, 2, 1, 0, 1, 2, 1, 2, 1]);
    expectClose(classWeights(shuffled, 3, { kind: 'wrong' }), [10 / 18, 10 / 3, 10 / 9], F32, 'wrong, shuffled classes');
  });

  const frequencyPresets: ClassWeightPreset[] = [
    { kind: 'inverse-frequency' },
    { kind: 'inverse-sqrt-frequency' },
    { kind: 'effective-number', beta: 0.99 },
    { kind: 'wrong' },
  ];
  it.each(frequencyPresets)('$kind refuses a class absent from the training labels, naming it', (preset) => {
    expect(() => classWeights(labels, 4, preset)).toThrow(
      new RegExp(`^labels: class 3 has no training samples, so the '${preset.kind}' weights are undefined`),
    );
  });

  it('uniform accepts a class absent from the training labels', () => {
    expect(Array.from(classWeights(labels, 4, { kind: 'uniform' }))).toEqual([1, 1, 1, 1]);
  });
});
