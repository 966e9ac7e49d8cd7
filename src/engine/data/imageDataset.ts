// The image-dataset file (public/datasets/*.bin.gz, written by scripts/make-mnist.mjs): a header of
// five little-endian uint32 (magic 'XLIM', version 1, count, rows, cols), count·rows·cols uint8 pixels
// row-major image after image, then count uint8 labels; the whole gzipped.
import { ArgumentError } from '../../core/checks';
import type { Dataset } from './dataset';
import { gunzipBytes } from './gunzip';

const IMAGE_MAGIC = 0x4d494c58;
const IMAGE_VERSION = 1;
const HEADER_BYTES = 20;
/** The labels are uint8, but every image dataset here is of digits. */
const CLASSES = 10;
/** 28×28×10,000 is 7.8 MB; a bound so a corrupt header cannot ask for gigabytes. */
const MAX_PIXELS = 64 * 1024 * 1024;

/** Pixels scaled to [0, 1] (value/255), as the `mnist` package gives them. */
export async function decodeImageDataset(gzipped: Uint8Array, name: string): Promise<Dataset> {
  // Plain bytes too: a host that serves .gz with Content-Encoding: gzip has the browser inflate them.
  const gzip = gzipped.length >= 2 && gzipped[0] === 0x1f && gzipped[1] === 0x8b;
  const bytes = gzip ? await gunzipBytes(gzipped, HEADER_BYTES + 2 * MAX_PIXELS) : gzipped;
  if (bytes.length < HEADER_BYTES) throw new ArgumentError('bytes', `must hold a ${HEADER_BYTES}-byte header, got ${bytes.length} bytes`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const [magic, version, count, rows, cols] = [0, 1, 2, 3, 4].map((i) => header.getUint32(4 * i, true));
  if (magic !== IMAGE_MAGIC) throw new ArgumentError('bytes', `must start with 'XLIM', got 0x${magic.toString(16)}`);
  if (version !== IMAGE_VERSION) throw new ArgumentError('bytes', `must be version ${IMAGE_VERSION}, got ${version}`);
  const d = rows * cols;
  const expected = HEADER_BYTES + count * d + count;
  if (count * d > MAX_PIXELS || bytes.length !== expected) {
    throw new ArgumentError(
      'bytes',
      `must hold ${count} images of ${rows}×${cols} and their labels (${expected} bytes), got ${bytes.length}`,
    );
  }
  const features = new Float32Array(count * d);
  for (let i = 0; i < features.length; i++) features[i] = bytes[HEADER_BYTES + i] / 255;
  const labels = Int32Array.from(bytes.subarray(HEADER_BYTES + count * d));
  const bad = labels.findIndex((label) => label >= CLASSES);
  if (bad >= 0) throw new ArgumentError('bytes', `labels must be in [0, ${CLASSES}), got ${labels[bad]} at image ${bad}`);
  const classNames = Array.from({ length: CLASSES }, (_, k) => String(k));
  return { name, features, labels, n: count, d, classes: CLASSES, classNames };
}

/** The side of a square image dataset the app draws (8×8 digits, 28×28 MNIST), or null for other data. */
export function imageSide(d: number): number | null {
  return d === 64 ? 8 : d === 784 ? 28 : null;
}
