// The curves' data: one point per measurement, in a capped ring so that a long run keeps a fixed
// memory and chart cost (the oldest points go first).
import type { HistoryPoint } from '../export/historyCsv';
import type { Snapshot } from './trainingSession';

const HISTORY_CAPACITY = 600;

export type { HistoryPoint };

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
  };
}

/** A new array: `points` plus `point`, replacing a point of the same step, the oldest dropped past the cap. */
export function appendPoint(points: readonly HistoryPoint[], point: HistoryPoint, capacity = HISTORY_CAPACITY): HistoryPoint[] {
  const kept = points.at(-1)?.step === point.step ? points.slice(0, -1) : points.slice();
  kept.push(point);
  return kept.length > capacity ? kept.slice(kept.length - capacity) : kept;
}
