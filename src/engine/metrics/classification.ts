// Classification metrics from logits and labels: accuracy, the confusion matrix, per-class
// precision / recall / F1 and the expected calibration error. Rows whose label is ignoreIndex
// (unlabelled) are left out of every metric.

export interface ClassificationMetrics {
  /** Rows that counted (labelled). */
  count: number;
  accuracy: number;
  /** [classes, classes], row = true class, column = predicted class (sklearn's convention). */
  confusion: Int32Array;
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Expected calibration error over equal-width confidence bins (Guo et al. 2017). */
  ece: number;
  /** [ECE_BINS] the bins ECE sums over, for a reliability diagram. */
  reliability: ReliabilityBin[];
}

/** One confidence bin: how many rows fell in it, their mean confidence and their accuracy (NaN if empty). */
export interface ReliabilityBin {
  count: number;
  confidence: number;
  accuracy: number;
}

export const ECE_BINS = 15;

/** Index of the largest logit of the row at `base`; the first one on ties, as torch.argmax. */
export function argmax(logits: ArrayLike<number>, base: number, classes: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (logits[base + k] > logits[base + best]) best = k;
  return best;
}

/** Softmax probability of the predicted class: exp(0) / Σ exp(x − max). */
export function confidence(logits: ArrayLike<number>, base: number, classes: number, predicted: number): number {
  const max = logits[base + predicted];
  let total = 0;
  for (let k = 0; k < classes; k++) total += Math.exp(logits[base + k] - max);
  return 1 / total;
}

/**
 * Precision of a class never predicted, or recall of a class absent from the labels, is 0/0:
 * reported as NaN (shown as "–"), not 0, so that it does not look like a measured failure.
 */
const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

export function classificationMetrics(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  ignoreIndex = -100,
): ClassificationMetrics {
  const confusion = new Int32Array(classes * classes);
  const binCount = new Float64Array(ECE_BINS);
  const binConfidence = new Float64Array(ECE_BINS);
  const binCorrect = new Float64Array(ECE_BINS);
  let count = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y === ignoreIndex) continue;
    const predicted = argmax(logits, i * classes, classes);
    confusion[y * classes + predicted]++;
    count++;
    const hit = predicted === y ? 1 : 0;
    correct += hit;
    const p = confidence(logits, i * classes, classes, predicted);
    const bin = Math.min(ECE_BINS - 1, Math.floor(p * ECE_BINS));
    binCount[bin]++;
    binConfidence[bin] += p;
    binCorrect[bin] += hit;
  }
  const precision = new Float64Array(classes);
  const recall = new Float64Array(classes);
  const f1 = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    let predictedK = 0;
    let actualK = 0;
    for (let j = 0; j < classes; j++) {
      predictedK += confusion[j * classes + k];
      actualK += confusion[k * classes + j];
    }
    const truePositive = confusion[k * classes + k];
    precision[k] = ratio(truePositive, predictedK);
    recall[k] = ratio(truePositive, actualK);
    f1[k] = ratio(2 * truePositive, predictedK + actualK);
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    if (binCount[b] > 0) ece += (binCount[b] / count) * Math.abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
  }
  const reliability = Array.from(binCount, (n, b) => ({
    count: n,
    confidence: ratio(binConfidence[b], n),
    accuracy: ratio(binCorrect[b], n),
  }));
  return {
    count,
    accuracy: ratio(correct, count),
    confusion,
    precision,
    recall,
    f1,
    ece: count === 0 ? Number.NaN : ece,
    reliability,
  };
}
