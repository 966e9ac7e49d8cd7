// Metrics of a model on a labelled set: the training objective (weighted, smoothed) and the plain
// cross-entropy side by side, so that a jump caused by re-weighting is not mistaken for learning.

import { crossEntropyForwardBackward } from '../../reference/cross_entropy';
import { classificationMetrics, type ReliabilityBin } from '../metrics/classification';
import { logitGap } from '../metrics/logitGap';
import type { LossSettings } from '../train/types';

export interface Evaluation {
  /** The loss the optimiser follows (class weights, smoothing, reduction 'mean'). */
  weightedLoss: number;
  /** Plain mean cross-entropy: no weights, no smoothing. */
  loss: number;
  accuracy: number;
  recall: number[];
  precision: number[];
  f1: number[];
  confusion: number[];
  ece: number;
  reliability: ReliabilityBin[];
  /** Mean and largest (top logit − row mean) over the rows: how confident the logits have grown. */
  meanLogitGap: number;
  maxLogitGap: number;
}

export function evaluate(logits: Float32Array, labels: Int32Array, classes: number, settings: LossSettings): Evaluation {
  const n = labels.length;
  const lossOf = (weight: Float32Array | undefined, labelSmoothing: number) =>
    crossEntropyForwardBackward({
      logits,
      n,
      c: classes,
      target: labels,
      targetKind: 'index',
      weight,
      ignoreIndex: settings.ignoreIndex,
      reduction: 'mean',
      labelSmoothing,
    }).loss[0];
  const metrics = classificationMetrics(logits, labels, classes, settings.ignoreIndex);
  const gap = logitGap(logits, n, classes);
  return {
    weightedLoss: lossOf(settings.classWeights, settings.labelSmoothing),
    loss: lossOf(undefined, 0),
    accuracy: metrics.accuracy,
    recall: Array.from(metrics.recall),
    precision: Array.from(metrics.precision),
    f1: Array.from(metrics.f1),
    confusion: Array.from(metrics.confusion),
    ece: metrics.ece,
    reliability: metrics.reliability,
    meanLogitGap: gap.mean,
    maxLogitGap: gap.max,
  };
}
