// Standardisation fitted on train alone: train comes out at mean 0 and std 1, validation is only
// transformed with train's statistics, and nothing is mutated.
import { describe, expect, it } from 'vitest';
import { applyStandardizer, type Dataset, fitStandardizer, generateDataset, stratifiedSplit } from '../../src/engine/data';

function columnStats(data: Dataset, j: number): { mean: number; std: number } {
  const column = Array.from({ length: data.n }, (_, i) => data.features[i * data.d + j]);
  const mean = column.reduce((s, x) => s + x, 0) / data.n;
  return { mean, std: Math.sqrt(column.reduce((s, x) => s + (x - mean) ** 2, 0) / data.n) };
}

const dataset = (features: number[], d: number): Dataset => ({
  name: 'hand-made',
  features: Float32Array.from(features),
  labels: new Int32Array(features.length / d),
  n: features.length / d,
  d,
  classes: 1,
  classNames: ['only'],
});

describe('standardizer', () => {
  it('gives the training set mean 0 and population std 1 per feature', () => {
    const moons = generateDataset('moons', { seed: 2, samples: 1000, noise: 0.1 });
    const { train } = stratifiedSplit(moons, { validationFraction: 0.2, seed: 2 });
    const scaled = applyStandardizer(fitStandardizer(train), train);
    for (let j = 0; j < 2; j++) {
      // The result is stored as float32 (relative error 2^−24 ≈ 6e-8 on |z| ≲ 4): mean and std are good to ~3e-7.
      const { mean, std } = columnStats(scaled, j);
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(Math.abs(std - 1)).toBeLessThan(1e-6);
    }
  });

  it('transforms validation with the training statistics, not its own', () => {
    const train = dataset([0, 10, 2, 10, 4, 10], 2); // feature 0: mean 2, population std √(8/3); feature 1 constant
    const validation = dataset([8, 13], 2);
    const standardizer = fitStandardizer(train);
    expect(standardizer.mean).toEqual([2, 10]);
    expect(standardizer.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    // A constant feature gets scale 1, so it maps to 0 on train (and to its offset elsewhere), never NaN.
    expect(standardizer.std[1]).toBe(1);
    const scaled = applyStandardizer(standardizer, validation);
    // Validation's own mean would map to 0; train's statistics put it far from 0. Float32 output: 6e-8 relative.
    expect(scaled.features[0]).toBeCloseTo(6 / Math.sqrt(8 / 3), 6);
    expect(scaled.features[1]).toBe(3);
    expect(Array.from(applyStandardizer(standardizer, train).features.filter((_, i) => i % 2 === 1))).toEqual([0, 0, 0]);
  });

  it('treats a constant feature whose mean does not round-trip exactly as constant', () => {
    // float32 0.1 averaged over 10 rows in float64 is off by an ulp, so its std comes out 1.4e-17, not 0.
    const standardizer = fitStandardizer(dataset(new Array(10).fill(0.1), 1));
    expect(standardizer.std).toEqual([1]);
  });

  it('never mutates its inputs', () => {
    const train = dataset([1, 2, 3, 5], 1);
    const copy = structuredClone(train);
    const scaled = applyStandardizer(fitStandardizer(train), train);
    expect(train).toEqual(copy);
    expect(scaled.features).not.toBe(train.features);
    expect(scaled.labels).not.toBe(train.labels);
  });
});
