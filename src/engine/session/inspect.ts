// One sample through the loss, term by term, for the per-sample inspector: its logits, softmax,
// the target after smoothing, its weight, its loss and ∂loss/∂logits, as PyTorch computes them for
// that row alone (reduction 'none').
import { crossEntropyForwardBackward } from '../../reference/cross_entropy';

export interface SampleBreakdown {
  logits: number[];
  probabilities: number[];
  /** The distribution the loss pulls toward: (1 − ε)·one-hot(y) + ε/C, or (1 − ε)·t + ε/C for probabilities. */
  target: number[];
  /** w[y] for a hard label; null for probability targets (every class weighs in). */
  weight: number | null;
  /** The row's loss; 0 for an ignored (unlabelled) row. */
  loss: number;
  /** ∂loss/∂logits of this row. */
  gradient: number[];
  ignored: boolean;
  /** ε, as the loss applied it. */
  labelSmoothing: number;
}

export interface SampleTarget {
  /** A class index, or ignoreIndex; or a probability row. */
  label: number | Float32Array;
  ignoreIndex: number;
  classWeights: Float32Array;
  labelSmoothing: number;
}

export function inspectSample(logits: Float32Array, { label, ignoreIndex, classWeights, labelSmoothing }: SampleTarget): SampleBreakdown {
  const c = logits.length;
  const probabilities = softmax(logits);
  const hard = typeof label === 'number';
  const ignored = hard && label === ignoreIndex;
  const { loss, grad } = crossEntropyForwardBackward({
    logits,
    n: 1,
    c,
    target: hard ? Int32Array.of(label) : label,
    targetKind: hard ? 'index' : 'probs',
    weight: classWeights,
    ignoreIndex,
    reduction: 'none',
    labelSmoothing,
  });
  const base = hard ? Array.from({ length: c }, (_, k) => (k === label ? 1 : 0)) : Array.from(label);
  return {
    logits: Array.from(logits),
    probabilities,
    target: ignored ? new Array(c).fill(0) : base.map((t) => (1 - labelSmoothing) * t + labelSmoothing / c),
    weight: hard && !ignored ? classWeights[label] : null,
    loss: loss[0],
    gradient: Array.from(grad),
    ignored,
    labelSmoothing,
  };
}

function softmax(logits: Float32Array): number[] {
  // A loop, not Math.max(...logits): a spread of up to 1,000 classes' logits goes on the call stack.
  let max = Number.NEGATIVE_INFINITY;
  for (const z of logits) max = Math.max(max, z);
  const e = Array.from(logits, (z) => Math.exp(z - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}
