// Mixup (Zhang et al. 2018), per sample: row i becomes λ_i · (its own sample) + (1 − λ_i) · (a
// partner's), for the features and the one-hot targets alike, with λ_i ~ Beta(α, α). The targets
// come from softTargets; the same pairs must then go through mixFeatures, or the targets would
// describe inputs the model never saw.

import { ArgumentError } from '../../core/checks';
import { seededRandom } from '../random';
import { sampleBeta } from './beta';
import type { Dataset } from './dataset';

export interface MixupPairs {
  /** [n] the row each row is mixed with: uniform over the other rows (itself only when n = 1). */
  partner: Int32Array;
  /** [n] how much of itself each row keeps, in [0, 1]. */
  lambda: Float32Array;
}

/** Expects validated input: alpha > 0, a 32-bit seed. */
export function drawMixupPairs(n: number, alpha: number, seed: number): MixupPairs {
  const random = seededRandom(seed);
  const partner = new Int32Array(n);
  const lambda = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const other = n > 1 ? random.int(n - 1) : 0;
    partner[i] = n > 1 && other >= i ? other + 1 : other; // skip i itself
    lambda[i] = sampleBeta(random, alpha, alpha);
  }
  return { partner, lambda };
}

/** [n, classes] one-hot rows mixed by the pairs; expects labels already checked as class indices. */
export function mixOneHot(labels: Int32Array, classes: number, { partner, lambda }: MixupPairs): Float32Array {
  const targets = new Float32Array(labels.length * classes);
  labels.forEach((y, i) => {
    targets[i * classes + y] += lambda[i];
    targets[i * classes + labels[partner[i]]] += 1 - lambda[i];
  });
  return targets;
}

/** A new [n, d] feature array mixed by the same pairs as the targets; the dataset is not touched. */
export function mixFeatures(dataset: Dataset, pairs: MixupPairs): Float32Array {
  const { n, d, features } = dataset;
  const { partner, lambda } = pairs;
  if (partner.length !== n || lambda.length !== n) {
    throw new ArgumentError('pairs', `must have one partner and one lambda per row, n = ${n}, got ${partner.length} and ${lambda.length}`);
  }
  const mixed = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mixed[i * d + j] = lambda[i] * features[i * d + j] + (1 - lambda[i]) * features[partner[i] * d + j];
  }
  return mixed;
}
