// Class-weight presets for CrossEntropyLoss(weight=…), computed from the training labels.
//
// Normalisation: uniform, inverse-frequency and inverse-sqrt-frequency share one rule, a mean
// weight of 1 over the training samples (Σ_k count_k · w_k = n), so a 'sum'-reduced loss keeps
// its scale when the preset changes ('mean' divides by Σ w[y] and cancels any scale anyway).
// Effective-number follows its paper instead, Σ_k w_k = K. 'wrong' permutes the inverse-frequency
// weights, so it keeps their values and breaks the rule on purpose.

import { ArgumentError, classIndices, finiteNumber, integerInRange } from '../../core/checks';
import { countPerClass } from './classCounts';

export type ClassWeightPreset =
  | { kind: 'uniform' }
  /** n / (K · count_k): sklearn's class_weight='balanced'. */
  | { kind: 'inverse-frequency' }
  /** ∝ 1 / √count_k: a milder correction. */
  | { kind: 'inverse-sqrt-frequency' }
  /** ∝ (1 − β) / (1 − β^count_k), Cui et al. 2019; β in [0, 1), 0 gives uniform, → 1 inverse frequency. */
  | { kind: 'effective-number'; beta: number }
  /** The pitfall: inverse-frequency weights in reverse order of frequency, most weight on the most frequent class. */
  | { kind: 'wrong' };

export const CLASS_WEIGHT_KINDS: readonly ClassWeightPreset['kind'][] = [
  'uniform',
  'inverse-frequency',
  'inverse-sqrt-frequency',
  'effective-number',
  'wrong',
];

/** [classes] weights, ready for the engine's `weight`. `labels` must be class indices (no ignoreIndex). */
export function classWeights(labels: Int32Array, classes: number, preset: ClassWeightPreset): Float32Array {
  const K = integerInRange('classes', classes, 1);
  const counts = countPerClass(classIndices('labels', labels, K), K);
  switch (preset.kind) {
    case 'uniform':
      return new Float32Array(K).fill(1);
    case 'inverse-frequency':
      return Float32Array.from(inverseFrequency(counts, preset.kind));
    case 'inverse-sqrt-frequency': {
      requireEveryClass(counts, preset.kind);
      const sqrtTotal = counts.reduce((sum, count) => sum + Math.sqrt(count), 0);
      return Float32Array.from(counts, (count) => labels.length / (Math.sqrt(count) * sqrtTotal));
    }
    case 'effective-number': {
      const beta = finiteNumber('beta', preset.beta, { min: 0, max: 1, maxOpen: true });
      requireEveryClass(counts, preset.kind);
      const raw = Array.from(counts, (count) => (1 - beta) / (1 - beta ** count));
      const total = raw.reduce((sum, w) => sum + w, 0);
      return Float32Array.from(raw, (w) => (K * w) / total);
    }
    case 'wrong':
      return Float32Array.from(reversedByFrequency(counts, inverseFrequency(counts, preset.kind)));
    default:
      throw new ArgumentError(
        'preset.kind',
        `must be one of ${CLASS_WEIGHT_KINDS.map((kind) => `'${kind}'`).join(', ')}, got ${JSON.stringify((preset as { kind: unknown }).kind)}`,
      );
  }
}

function inverseFrequency(counts: Int32Array, kind: string): number[] {
  requireEveryClass(counts, kind);
  const n = counts.reduce((sum, count) => sum + count, 0);
  return Array.from(counts, (count) => n / (counts.length * count));
}

/** The i-th most frequent class gets the weight of the i-th rarest; ties are ranked by class index. */
function reversedByFrequency(counts: Int32Array, weights: number[]): number[] {
  const byFrequency = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const reversed = new Array<number>(counts.length);
  byFrequency.forEach((k, rank) => {
    reversed[k] = weights[byFrequency[byFrequency.length - 1 - rank]];
  });
  return reversed;
}

function requireEveryClass(counts: Int32Array, kind: string): void {
  const absent = counts.indexOf(0);
  if (absent >= 0) {
    throw new ArgumentError(
      'labels',
      `class ${absent} has no training samples, so the '${kind}' weights are undefined (they divide by its count)`,
    );
  }
}
