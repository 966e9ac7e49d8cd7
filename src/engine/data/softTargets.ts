// Class-probability targets made from hard labels, for the engine's Float32Array [n, classes] target.

import { ArgumentError, seed as checkSeed, classIndices, finiteNumber, integerInRange } from '../../core/checks';
import { drawMixupPairs, type MixupPairs, mixOneHot } from './mixup';

export type SoftTargetOptions =
  /** Each annotator flips the label with probability p, uniformly to one of the other K − 1 classes. */
  | { kind: 'noisy-annotator'; flipProbability: number }
  /** Mixup: λ ~ Beta(alpha, alpha) per row, alpha > 0; small alpha keeps rows near one-hot. */
  | { kind: 'mixup'; alpha: number; seed: number };

export interface SoftTargets {
  /** [n, classes] row-major; each row is a probability vector summing to 1. */
  targets: Float32Array;
  /** Mixup only: the pairs and λ the targets were mixed with; give them to mixFeatures. */
  pairs?: MixupPairs;
}

export function softTargets(labels: Int32Array, classes: number, options: SoftTargetOptions): SoftTargets {
  const K = integerInRange('classes', classes, 2);
  const checked = classIndices('labels', labels, K);
  switch (options.kind) {
    case 'noisy-annotator': {
      const p = finiteNumber('flipProbability', options.flipProbability, { min: 0, max: 1, maxOpen: true });
      return { targets: noisyAnnotator(checked, K, p) };
    }
    case 'mixup': {
      const alpha = finiteNumber('alpha', options.alpha, { min: 0, minOpen: true });
      const pairs = drawMixupPairs(checked.length, alpha, checkSeed(options.seed));
      return { targets: mixOneHot(checked, K, pairs), pairs };
    }
    default:
      throw new ArgumentError(
        'options.kind',
        `must be 'noisy-annotator' or 'mixup', got ${JSON.stringify((options as { kind: unknown }).kind)}`,
      );
  }
}

/**
 * The expected label distribution under a symmetric flip: 1 − p on the label, p / (K − 1) on each
 * other class. It equals label smoothing with ε = p · K / (K − 1), but is stated as annotator noise.
 * The label stays the most likely class only while p < (K − 1) / K; larger p (below 1) is allowed, to
 * show what happens when the annotators are mostly wrong.
 */
function noisyAnnotator(labels: Int32Array, classes: number, p: number): Float32Array {
  const targets = new Float32Array(labels.length * classes).fill(p / (classes - 1));
  labels.forEach((y, i) => {
    targets[i * classes + y] = 1 - p;
  });
  return targets;
}
