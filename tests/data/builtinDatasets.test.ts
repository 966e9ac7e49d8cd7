// The datasets shipped in public/datasets load through the upload path with scikit-learn's shapes,
// class counts and values (load_digits / load_iris in scikit-learn 1.2.1).
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/checks';
import { BUILTIN_DATASETS, type BuiltinDatasetName, type CsvDataset, countPerClass, loadBuiltinDataset } from '../../src/engine/data';
import { readPublicFile } from '../support/publicFiles';

describe('digits', () => {
  let digits: CsvDataset;
  beforeAll(async () => {
    digits = await loadBuiltinDataset('digits', readPublicFile);
  });

  it('is 1797 images of 8×8 pixels in 10 classes', () => {
    expect([digits.n, digits.d, digits.classes]).toEqual([1797, 64, 10]);
    expect(digits.features.length).toBe(1797 * 64);
    expect(digits.featureNames[0]).toBe('pixel_0');
    expect(digits.featureNames[63]).toBe('pixel_63');
  });

  it('has class counts of sklearn.datasets.load_digits, digit k as class k', () => {
    expect(Array.from(countPerClass(digits.labels, 10))).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(digits.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(digits.labelMapping.map(({ name, index }) => [name, index])).toEqual(digits.classNames.map((name, k) => [name, k]));
  });

  it('has integer pixels in [0, 16], as 4×4 blocks of on-pixels count them', () => {
    expect(digits.features.every((x) => Number.isInteger(x) && x >= 0 && x <= 16)).toBe(true);
    expect(digits.features.reduce((a, b) => Math.max(a, b))).toBe(16);
  });

  it('keeps the row order of the file: the first image is a 0', () => {
    expect(Array.from(digits.features.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(digits.labels[0]).toBe(0);
    expect(digits.labels[1796]).toBe(8);
  });
});

describe('iris', () => {
  let iris: CsvDataset;
  beforeAll(async () => {
    iris = await loadBuiltinDataset('iris', readPublicFile);
  });

  it('is 150 flowers with 4 measurements, 50 of each species', () => {
    expect([iris.n, iris.d, iris.classes]).toEqual([150, 4, 3]);
    expect(iris.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(iris.labelMapping).toEqual([
      { name: 'setosa', index: 0, count: 50 },
      { name: 'versicolor', index: 1, count: 50 },
      { name: 'virginica', index: 2, count: 50 },
    ]);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('has the first and last rows of load_iris', () => {
    // Float32 holds 5.1 as 5.099999904…; toBeCloseTo's 5 digits sits far above that error.
    const first = [5.1, 3.5, 1.4, 0.2];
    const last = [5.9, 3.0, 5.1, 1.8];
    for (let j = 0; j < 4; j++) {
      expect(iris.features[j]).toBeCloseTo(first[j], 5);
      expect(iris.features[149 * 4 + j]).toBeCloseTo(last[j], 5);
    }
    expect([iris.labels[0], iris.labels[149]]).toEqual([0, 2]);
  });
});

describe('loadBuiltinDataset', () => {
  it('asks fetchBytes for the path in BUILTIN_DATASETS', async () => {
    const asked: string[] = [];
    await loadBuiltinDataset('iris', async (path) => {
      asked.push(path);
      return readPublicFile(path);
    });
    expect(asked).toEqual([BUILTIN_DATASETS.iris.path]);
  });

  it('refuses an unknown name before fetching anything', async () => {
    const load = loadBuiltinDataset('cifar10' as BuiltinDatasetName, () => Promise.reject(new Error('fetched')));
    await expect(load).rejects.toThrow(ArgumentError);
    await expect(load).rejects.toThrow(/^name: must be one of 'digits', 'iris', 'mnist', got "cifar10"/);
  });
});
