// The page's CPU backend runs a training step whole between two frames: a step it cannot finish in
// time is refused by name (with the work and what to lower) instead of freezing the tab.
import type { Experiment } from '../experiment/schema';
import { CPU_STEP_MACS, count, estimateWork } from '../experiment/workEstimate';
import type { BackendName } from '../types';

/** Throws if `experiment`'s training step is too much work for the page's CPU backend. */
export function checkCpuWork(experiment: Experiment, backend: BackendName): void {
  if (backend !== 'cpu') return;
  const { step } = estimateWork(experiment);
  if (step <= CPU_STEP_MACS) return;
  const hidden = experiment.model.hidden.length === 0 ? 'no hidden layer' : `hidden layers ${experiment.model.hidden.join('×')}`;
  throw new Error(
    `training.batchSize: on the CPU backend one training step may do at most ${count(CPU_STEP_MACS)} multiply-adds, so that the page answers within 100 ms; this experiment's step does ${count(step)} (batch ${experiment.training.batchSize}, ${hidden}). Lower the batch size or the hidden widths, or open the page in a browser with WebGPU`,
  );
}
