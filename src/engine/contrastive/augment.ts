// Two random views of each sample for contrastive pre-training (SimCLR): rows 0..N−1 are the first
// views and rows N..2N−1 the second, so row i and row i + N are a positive pair, as NT-Xent expects.
import type { Random } from '../random';

/** For 2-D points: a random rotation, scaling and jitter per view. */
export interface PointAugmentation {
  kind: 'points';
  /** Largest rotation, radians (uniform in ±rotation). */
  rotation: number;
  /** Largest relative scale change (uniform in 1 ± scale). */
  scale: number;
  /** Std of the Gaussian added to each coordinate. */
  jitter: number;
}

/** For images (digits): Gaussian pixel noise and pixel dropout per view. */
export interface PixelAugmentation {
  kind: 'pixels';
  noise: number;
  /** Chance that a pixel is set to 0. */
  dropout: number;
}

export type Augmentation = PointAugmentation | PixelAugmentation;

function augmentRow(out: Float32Array, at: number, row: Float32Array, augmentation: Augmentation, random: Random): void {
  if (augmentation.kind === 'points') {
    const angle = (2 * random.next() - 1) * augmentation.rotation;
    const scale = 1 + (2 * random.next() - 1) * augmentation.scale;
    const [cos, sin] = [Math.cos(angle) * scale, Math.sin(angle) * scale];
    out[at] = cos * row[0] - sin * row[1] + augmentation.jitter * random.normal();
    out[at + 1] = sin * row[0] + cos * row[1] + augmentation.jitter * random.normal();
    return;
  }
  for (let k = 0; k < row.length; k++) {
    out[at + k] = random.next() < augmentation.dropout ? 0 : row[k] + augmentation.noise * random.normal();
  }
}

/** [2N, d]: two augmented views of each of the N rows `indices` of `features` [n, d]. */
export function twoViews(
  features: Float32Array,
  d: number,
  indices: Int32Array,
  augmentation: Augmentation,
  random: Random,
  out?: Float32Array,
): Float32Array {
  if (augmentation.kind === 'points' && d !== 2) throw new Error(`twoViews: point augmentations need 2-D data, got d = ${d}`);
  const n = indices.length;
  const views = out ?? new Float32Array(2 * n * d);
  for (let view = 0; view < 2; view++) {
    for (let k = 0; k < n; k++) {
      const row = features.subarray(indices[k] * d, (indices[k] + 1) * d);
      augmentRow(views, (view * n + k) * d, row, augmentation, random);
    }
  }
  return views;
}
