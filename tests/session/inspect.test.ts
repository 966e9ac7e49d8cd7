// The inspector's numbers: the row loss and gradient are PyTorch's (through the reference), and the
// shown target and softmax are the distributions they come from.
import { describe, expect, it } from 'vitest';
import { inspectSample } from '../../src/engine/session/inspect';

const logits = Float32Array.of(2, 0.5, -1);

describe('inspectSample', () => {
  it('splits a weighted, smoothed hard-label row into its terms', () => {
    const weights = Float32Array.of(1, 2, 0.5);
    const s = inspectSample(logits, { label: 1, ignoreIndex: -100, classWeights: weights, labelSmoothing: 0.3 });
    const logp = s.probabilities.map(Math.log);
    // PyTorch's per-row formula: −(1 − ε)·w[y]·log p[y] − (ε/C)·Σ_c w[c]·log p[c].
    const expected = -(0.7 * 2 * logp[1]) - (0.3 / 3) * (1 * logp[0] + 2 * logp[1] + 0.5 * logp[2]);
    expect(s.loss).toBeCloseTo(expected, 12); // both float64 from the same float32 logits
    expect(s.target).toEqual([0.1, 0.8, 0.1].map((t) => expect.closeTo(t, 15)));
    expect(s.weight).toBe(2);
    expect(s.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
    // ∂ℓ/∂z_c = p_c·Σ_k w_k q_k − w_c q_c with q the smoothed target.
    const wq = [1 * 0.1, 2 * 0.8, 0.5 * 0.1];
    const total = wq.reduce((a, b) => a + b);
    for (const [k, g] of s.gradient.entries()) expect(g).toBeCloseTo(s.probabilities[k] * total - wq[k], 12);
  });

  it('gives an ignored row zero loss and zero gradient', () => {
    const s = inspectSample(logits, { label: -100, ignoreIndex: -100, classWeights: Float32Array.of(1, 1, 1), labelSmoothing: 0.1 });
    expect(s.ignored).toBe(true);
    expect(s.loss).toBe(0);
    expect(s.gradient).toEqual([0, 0, 0]);
    expect(s.weight).toBeNull();
  });

  it('takes probability targets: softmax minus the target when unweighted', () => {
    const t = Float32Array.of(0.2, 0.5, 0.3);
    const s = inspectSample(logits, { label: t, ignoreIndex: -100, classWeights: Float32Array.of(1, 1, 1), labelSmoothing: 0 });
    for (const [k, g] of s.gradient.entries()) expect(g).toBeCloseTo(s.probabilities[k] - t[k], 7); // t is float32
    expect(s.loss).toBeCloseTo(-s.probabilities.reduce((sum, p, k) => sum + t[k] * Math.log(p), 0), 12);
  });
});
