// What to tell the user when the loss stops being finite: most often the learning rate is too large.
import type { Experiment } from '../experiment/schema';

/** The learning rate's share of a divergence, in words. */
export function divergenceCause(loss: number, experiment: Experiment): string {
  const { kind, lr } = experiment.optimizer;
  return `The training loss became ${loss}. A learning rate of ${lr} is probably too large for ${kind.toUpperCase()} here: the updates overshoot until the numbers overflow. Rewind, then lower the learning rate (try ${lr / 10}).`;
}
