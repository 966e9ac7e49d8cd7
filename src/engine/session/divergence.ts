// What to tell the user when the loss stops being finite: most often the learning rate is too large.
// A batch whose rows are all ignored is not that: its mean loss is 0/0 = NaN, as in PyTorch, and
// the loop skips it (src/engine/train/emptyBatch.ts) with EMPTY_BATCH_NOTICE, once per run.
import type { Experiment } from '../experiment/schema';

/** The learning rate's share of a divergence, in words. */
export function divergenceCause(loss: number, experiment: Experiment): string {
  const { kind, lr } = experiment.optimizer;
  return `The training loss became ${loss}. A learning rate of ${lr} is probably too large for ${kind.toUpperCase()} here: the updates overshoot until the numbers overflow. Rewind, then lower the learning rate (try ${lr / 10}).`;
}

export const EMPTY_BATCH_NOTICE =
  'A training batch kept no weight (every row ignored, or class weights summing to 0), so its mean loss is x/0 (NaN), ' +
  'as in PyTorch. That is not a divergence: training goes on, and the batch loss is finite again on the next batch with a label.';
