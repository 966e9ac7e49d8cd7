// What one measurement's logits say per row, beyond the arg-max: the winning class's probability
// (read out for a focused point) and, for 3-class runs, each row's softmax (the simplex view).
// Both come from the logits the snapshot already read back: no extra GPU round trip.
import { confidence } from '../metrics/classification';

/** [rows]: softmax probability of each row's predicted class. */
export function confidenceRows(logits: Float32Array, classes: number, predicted: Int32Array): Float32Array {
  return Float32Array.from(predicted, (k, i) => confidence(logits, i * classes, classes, k));
}

/** The classes a softmax-per-row copy is kept for: the probability triangle needs exactly 3. */
export const SIMPLEX_CLASSES = 3;

/** [rows, classes]: each row's softmax, exp(z − max) / Σ exp(z − max). */
export function softmaxRows(logits: Float32Array, classes: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let base = 0; base < logits.length; base += classes) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[base + k]);
    let total = 0;
    for (let k = 0; k < classes; k++) total += Math.exp(logits[base + k] - max);
    for (let k = 0; k < classes; k++) out[base + k] = Math.exp(logits[base + k] - max) / total;
  }
  return out;
}
