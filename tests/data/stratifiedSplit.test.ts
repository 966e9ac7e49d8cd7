// The stratified split: each class keeps its share on both sides, and none loses its training rows.
import { describe, expect, it } from 'vitest';
import { countPerClass, type Dataset, generateDataset, stratifiedSplit, trainRowCount } from '../../src/engine/data';

// Counts [212, 67, 21] (see classCounts.test.ts).
const spirals = generateDataset('spirals', { seed: 4, samples: 300, noise: 0.2, classes: 3, imbalance: 10 });

function rowOf(data: Dataset, i: number): number[] {
  return [...data.features.subarray(i * data.d, (i + 1) * data.d), data.labels[i]];
}

describe('stratifiedSplit', () => {
  it('holds out round(fraction · count) of every class, within ±1 of its exact share', () => {
    const { train, validation } = stratifiedSplit(spirals, { validationFraction: 0.25, seed: 1 });
    const held = Array.from(countPerClass(validation.labels, 3));
    // 0.25 · [212, 67, 21] = [53, 16.75, 5.25], rounded to the nearest.
    expect(held).toEqual([53, 17, 5]);
    [212, 67, 21].forEach((count, k) => {
      expect(Math.abs(held[k] - 0.25 * count)).toBeLessThanOrEqual(1);
    });
    expect(Array.from(countPerClass(train.labels, 3))).toEqual([159, 50, 16]);
  });

  it('partitions the rows: every row on exactly one side, each subset carrying the original rows', () => {
    const split = stratifiedSplit(spirals, { validationFraction: 0.4, seed: 2 });
    const all = [...split.trainIndices, ...split.validationIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 300 }, (_, i) => i));
    split.trainIndices.forEach((row, i) => {
      expect(rowOf(split.train, i)).toEqual(rowOf(spirals, row));
    });
    split.validationIndices.forEach((row, i) => {
      expect(rowOf(split.validation, i)).toEqual(rowOf(spirals, row));
    });
  });

  it('keeps at least one training row per class, even at the largest fraction', () => {
    // 1:1000 over 10 classes in 30 samples leaves the rarest classes with 1 or 2 rows.
    const rare = generateDataset('blobs', { seed: 5, samples: 30, noise: 0.1, classes: 10, imbalance: 1000 });
    const before = countPerClass(rare.labels, 10);
    expect(Math.min(...before)).toBe(1);
    const { train } = stratifiedSplit(rare, { validationFraction: 0.9, seed: 3 });
    expect(Math.min(...countPerClass(train.labels, 10))).toBe(1);
  });

  it('is deterministic per seed, and another seed picks other rows', () => {
    const options = { validationFraction: 0.3, seed: 9 };
    expect(stratifiedSplit(spirals, options)).toEqual(stratifiedSplit(spirals, options));
    expect(stratifiedSplit(spirals, { ...options, seed: 10 }).validationIndices).not.toEqual(
      stratifiedSplit(spirals, options).validationIndices,
    );
  });

  it('leaves the validation set empty at fraction 0, and the input untouched', () => {
    const copy = structuredClone(spirals);
    const { train, validation } = stratifiedSplit(spirals, { validationFraction: 0, seed: 1 });
    expect(validation.n).toBe(0);
    expect(train.n).toBe(300);
    expect(spirals).toEqual(copy);
  });
});

describe('trainRowCount', () => {
  it('is the training rows stratifiedSplit leaves, for any seed, before splitting', () => {
    const counts = Array.from(countPerClass(spirals.labels, spirals.classes));
    for (const validationFraction of [0, 0.2, 0.5, 0.9]) {
      for (const seed of [1, 2]) {
        expect(trainRowCount(counts, validationFraction)).toBe(stratifiedSplit(spirals, { validationFraction, seed }).train.n);
      }
    }
    // A class of one row keeps it for training.
    expect(trainRowCount([1, 1, 10], 0.9)).toBe(1 + 1 + 1);
  });
});
