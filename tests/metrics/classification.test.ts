import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../src/engine/metrics/classification';

// 3 classes; logits chosen so the predictions are known: rows predict [0, 0, 1, 2, 2, 1], labels
// [0, 1, 1, 2, 2, -100 (unlabelled)].
const logits = Float32Array.from([5, 0, 0, 3, 1, 0, 0, 4, 0, 0, 0, 2, 0, 1, 6, 0, 9, 0]);
const labels = Int32Array.from([0, 1, 1, 2, 2, -100]);

describe('classificationMetrics', () => {
  const m = classificationMetrics(logits, labels, 3);

  it('leaves unlabelled rows out and counts accuracy', () => {
    expect(m.count).toBe(5);
    expect(m.accuracy).toBeCloseTo(4 / 5, 12);
  });

  it('fills the confusion matrix by true row and predicted column', () => {
    // true 0 → 0; true 1 → 0 and 1; true 2 → 2 twice
    expect(Array.from(m.confusion)).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 2]);
  });

  it('computes per-class precision, recall and F1', () => {
    expect(Array.from(m.precision)).toEqual([0.5, 1, 1]);
    expect(Array.from(m.recall)).toEqual([1, 0.5, 1]);
    expect(m.f1[0]).toBeCloseTo(2 / 3, 12);
    expect(m.f1[1]).toBeCloseTo(2 / 3, 12);
    expect(m.f1[2]).toBe(1);
  });

  it('reports 0/0 precision or recall as NaN, not 0', () => {
    const none = classificationMetrics(Float32Array.from([1, 0, 1, 0]), Int32Array.from([0, 0]), 2);
    expect(none.precision[1]).toBeNaN(); // class 1 never predicted
    expect(none.recall[1]).toBeNaN(); // and never present
  });

  it('computes the expected calibration error', () => {
    // Two rows, both right with confidence p = 1/(1 + e⁻²⁰): one bin, ECE = |1 − p|.
    const p = 1 / (1 + Math.exp(-20));
    const right = classificationMetrics(Float32Array.from([20, 0, 0, 20]), Int32Array.from([0, 1]), 2);
    expect(right.ece).toBeCloseTo(1 - p, 12);
    // One row, wrong with the same confidence: ECE = |0 − p|.
    const wrong = classificationMetrics(Float32Array.from([20, 0]), Int32Array.from([1]), 2);
    expect(wrong.ece).toBeCloseTo(p, 12);
    // Hand-computed: confidences 0.5 (tie, right) and 0.5 (tie, wrong) share bin 7 → |0.5 − 0.5| = 0.
    const ties = classificationMetrics(Float32Array.from([0, 0, 0, 0]), Int32Array.from([0, 1]), 2);
    expect(ties.ece).toBeCloseTo(0, 12);
  });

  it('gives NaN accuracy and ECE when nothing is labelled', () => {
    const empty = classificationMetrics(Float32Array.from([1, 0]), Int32Array.from([-100]), 2);
    expect(empty.count).toBe(0);
    expect(empty.accuracy).toBeNaN();
    expect(empty.ece).toBeNaN();
  });
});
