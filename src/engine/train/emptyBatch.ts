// A batch whose kept rows weigh nothing: every row ignored (a high unlabelled fraction with small
// batches), or class weights that cancel. Its 'mean' loss is Σ/Σw = 0/0 = NaN, as in PyTorch, and
// its gradient is zero: a NaN that says nothing about divergence, so the guards skip it.
import type { LossSettings } from './types';

/** Σ of the class weights of the rows not ignored: the divisor of the 'mean' reduction. */
export function keptWeight(targets: Int32Array, settings: LossSettings): number {
  let sum = 0;
  for (const y of targets) {
    if (y !== settings.ignoreIndex) sum += settings.classWeights ? settings.classWeights[y] : 1;
  }
  return sum;
}

/** Whether a 'mean' loss over these class-index targets is 0/0 (probability targets ignore no row). */
export function isEmptyBatch(targets: Int32Array | Float32Array | undefined, settings: LossSettings): boolean {
  if (!(targets instanceof Int32Array) || settings.reduction !== 'mean') return false;
  return keptWeight(targets, settings) === 0;
}

/** A batch loss that is evidence of divergence: non-finite, and not the NaN of an empty batch. */
export function batchLossDiverged(loss: number, emptyBatch: boolean): boolean {
  return !Number.isFinite(loss) && !(Number.isNaN(loss) && emptyBatch);
}
