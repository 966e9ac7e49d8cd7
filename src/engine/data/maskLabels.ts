// Hides a share of the labels, for semi-supervised runs: the hidden rows get ignoreIndex, which the
// loss skips. The rows are drawn uniformly, not per class, as a random annotation budget would be;
// a rare class can therefore lose all its labels, and that is part of what this setting shows.

import { seed as checkSeed, finiteNumber, int32, int32Array } from '../../core/checks';
import { seededRandom } from '../random';
import { shuffleInPlace } from './shuffle';

export interface MaskOptions {
  /** Share of labels hidden, in [0, 1]; exactly round(fraction · n) of them. */
  fraction: number;
  /** PRNG seed, an integer in [0, 2^32 − 1]. */
  seed: number;
  /** The value written in place of a hidden label; default −100, PyTorch's. */
  ignoreIndex?: number;
}

/** A new Int32Array; the input is not touched. */
export function maskLabels(labels: Int32Array, options: MaskOptions): Int32Array {
  const source = int32Array('labels', labels);
  const fraction = finiteNumber('fraction', options.fraction, { min: 0, max: 1 });
  const ignoreIndex = int32('ignoreIndex', options.ignoreIndex ?? -100);
  const random = seededRandom(checkSeed(options.seed));
  const rows = Int32Array.from(source.keys());
  shuffleInPlace(rows, random);
  const masked = source.slice();
  for (const row of rows.subarray(0, Math.round(fraction * source.length))) masked[row] = ignoreIndex;
  return masked;
}
