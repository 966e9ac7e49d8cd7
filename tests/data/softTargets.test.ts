// Soft targets: the noisy-annotator distribution, and mixup's targets, pairs and mixed features.
import { describe, expect, it } from 'vitest';
import { type Dataset, generateDataset, mixFeatures, softTargets } from '../../src/engine/data';
import { expectClose } from '../support/compare';

// Each float32 entry is within 2^−24 relative of its float64 value, so a row of probabilities sums to 1
// within ~1e-7; 1e-6 is the contract.
const ROW_SUM = 1e-6;

function expectRowsSumToOne(targets: Float32Array, classes: number): void {
  for (let i = 0; i < targets.length / classes; i++) {
    const sum = targets.subarray(i * classes, (i + 1) * classes).reduce((s, p) => s + p, 0);
    expect(Math.abs(sum - 1), `row ${i}`).toBeLessThan(ROW_SUM);
  }
}

const blobs: Dataset = generateDataset('blobs', { seed: 1, samples: 500, noise: 0.5, classes: 7, imbalance: 4 });

describe('noisy annotator', () => {
  it('puts 1 − p on the label and p/(K − 1) on each other class', () => {
    const { targets, pairs } = softTargets(Int32Array.from([2, 0]), 4, { kind: 'noisy-annotator', flipProbability: 0.3 });
    // One float32 rounding of each entry: relative error ≤ 2^−24 ≈ 5.96e-8.
    expectClose(targets, [0.1, 0.1, 0.7, 0.1, 0.7, 0.1, 0.1, 0.1], { atol: 0, rtol: 6e-8 }, 'K = 4, p = 0.3');
    expect(pairs).toBeUndefined();
  });

  it('gives rows that sum to 1 for any K and p', () => {
    for (const p of [0, 0.05, 0.5, 0.999]) {
      expectRowsSumToOne(softTargets(blobs.labels, 7, { kind: 'noisy-annotator', flipProbability: p }).targets, 7);
    }
  });
});

describe('mixup', () => {
  const mix = softTargets(blobs.labels, 7, { kind: 'mixup', alpha: 0.4, seed: 3 });
  const { partner, lambda } = mix.pairs ?? { partner: new Int32Array(0), lambda: new Float32Array(0) };

  it('mixes each one-hot with its partner’s by λ, and the rows sum to 1', () => {
    expectRowsSumToOne(mix.targets, 7);
    blobs.labels.forEach((y, i) => {
      const expected = new Float32Array(7);
      expected[y] += lambda[i];
      expected[blobs.labels[partner[i]]] += 1 - lambda[i];
      expectClose(mix.targets.subarray(i * 7, (i + 1) * 7), expected, { atol: 0, rtol: 0 }, `row ${i}`);
    });
  });

  it('pairs each row with another row, λ in [0, 1]', () => {
    partner.forEach((j, i) => {
      expect(j).not.toBe(i);
      expect(j).toBeGreaterThanOrEqual(0);
      expect(j).toBeLessThan(blobs.n);
    });
    for (const l of lambda) expect(l >= 0 && l <= 1).toBe(true);
  });

  it('mixes the features with the same pairs', () => {
    const mixed = mixFeatures(blobs, { partner, lambda });
    const expected = Array.from({ length: blobs.n * 2 }, (_, index) => {
      const i = Math.floor(index / 2);
      return lambda[i] * blobs.features[index] + (1 - lambda[i]) * blobs.features[partner[i] * 2 + (index % 2)];
    });
    expectClose(mixed, expected, { atol: 0, rtol: 6e-8 }, 'mixed features'); // one float32 rounding
  });

  it('is deterministic per seed', () => {
    expect(softTargets(blobs.labels, 7, { kind: 'mixup', alpha: 0.4, seed: 3 })).toEqual(mix);
    expect(softTargets(blobs.labels, 7, { kind: 'mixup', alpha: 0.4, seed: 4 }).pairs?.lambda).not.toEqual(lambda);
  });

  it('pairs a single row with itself', () => {
    const single = softTargets(Int32Array.from([1]), 3, { kind: 'mixup', alpha: 1, seed: 1 });
    expect(Array.from(single.pairs?.partner ?? [])).toEqual([0]);
    expect(Array.from(single.targets)).toEqual([0, 1, 0]);
  });
});
