// The curves' data: one point per measurement, in a capped ring so that a long run keeps a fixed
// memory and chart cost (the oldest points go first). Each point carries what the CSV exports plus
// what the lesson views draw over time: per-class recall, calibration, logit growth, and for NT-Xent
// the temperature in use and the loss at a fixed reference temperature.
import type { HistoryPoint as CsvHistoryPoint } from '../export/historyCsv';
import type { Snapshot } from './trainingSession';

const HISTORY_CAPACITY = 600;

export interface HistoryPoint extends CsvHistoryPoint {
  /** [classes] validation recall per class (NaN for a class absent from validation); [] for NT-Xent. */
  validationRecall: number[];
  /** Expected calibration error on each split; NaN for NT-Xent. */
  trainEce: number;
  validationEce: number;
  /** Validation (top logit − row mean logit): mean over rows and largest; NaN for NT-Xent. */
  meanLogitGap: number;
  maxLogitGap: number;
  /** NT-Xent: the τ trained with, and the train probe's loss at REFERENCE_TEMPERATURE; NaN otherwise. */
  temperature: number;
  referenceLoss: number;
  /** NT-Xent: the train probe batch's alignment and uniformity (Wang & Isola); NaN otherwise. */
  alignment: number;
  uniformity: number;
}

export function historyPoint(snapshot: Snapshot, batchLoss: number): HistoryPoint {
  const { step, epoch } = snapshot;
  if (snapshot.mode === 'nt-xent') {
    const { trainLoss, validationLoss } = snapshot;
    return {
      step,
      epoch,
      batchLoss,
      trainLoss,
      trainLossWeighted: trainLoss,
      validationLoss,
      validationLossWeighted: validationLoss,
      trainAccuracy: Number.NaN,
      validationAccuracy: Number.NaN,
      validationRecall: [],
      trainEce: Number.NaN,
      validationEce: Number.NaN,
      meanLogitGap: Number.NaN,
      maxLogitGap: Number.NaN,
      temperature: snapshot.temperature,
      referenceLoss: snapshot.referenceLoss,
      alignment: snapshot.stats.alignment,
      uniformity: snapshot.stats.uniformity,
    };
  }
  const { train, validation } = snapshot;
  return {
    step,
    epoch,
    batchLoss,
    trainLoss: train.loss,
    trainLossWeighted: train.weightedLoss,
    validationLoss: validation.loss,
    validationLossWeighted: validation.weightedLoss,
    trainAccuracy: train.accuracy,
    validationAccuracy: validation.accuracy,
    validationRecall: validation.recall,
    trainEce: train.ece,
    validationEce: validation.ece,
    meanLogitGap: validation.meanLogitGap,
    maxLogitGap: validation.maxLogitGap,
    temperature: Number.NaN,
    referenceLoss: Number.NaN,
    alignment: Number.NaN,
    uniformity: Number.NaN,
  };
}

/** A new array: `points` plus `point`, replacing a point of the same step, the oldest dropped past the cap. */
export function appendPoint(points: readonly HistoryPoint[], point: HistoryPoint, capacity = HISTORY_CAPACITY): HistoryPoint[] {
  const kept = points.at(-1)?.step === point.step ? points.slice(0, -1) : points.slice();
  kept.push(point);
  return kept.length > capacity ? kept.slice(kept.length - capacity) : kept;
}
