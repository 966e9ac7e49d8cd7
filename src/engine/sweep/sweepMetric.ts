// The one number per run that a sweep's grid shows, read from a run's validation evaluation.
import type { Evaluation } from '../experiment/evaluate';
import type { SweepMetric } from './sweepSchema';

export const METRIC_NAMES: Record<SweepMetric, string> = {
  'validation-loss': 'validation loss',
  accuracy: 'validation accuracy',
  'minority-recall': 'minority recall',
  ece: 'validation ECE',
  'probe-accuracy': 'probe accuracy',
};

/** Whether a smaller value is better (the heatmap's colour scale turns with it). */
export const lowerIsBetter = (metric: SweepMetric): boolean => metric === 'validation-loss' || metric === 'ece';

/**
 * The metric of one validation evaluation. Validation loss is the plain cross-entropy, not the
 * weighted objective, so that runs with other class weights or smoothing compare on one scale.
 * Minority recall is the recall of `minorityClass` (the rarest class of the training split).
 */
export function metricOf(metric: SweepMetric, validation: Evaluation, minorityClass: number): number {
  switch (metric) {
    case 'validation-loss':
      return validation.loss;
    case 'accuracy':
      return validation.accuracy;
    case 'minority-recall':
      return validation.recall[minorityClass];
    case 'ece':
      return validation.ece;
    case 'probe-accuracy':
      return Number.NaN; // measured by the contrastive runner's probe, never from an evaluation
  }
}

/** The class with the fewest training labels (the first of equals). */
export function rarestClass(counts: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] < counts[best]) best = c;
  return best;
}
