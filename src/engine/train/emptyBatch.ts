// A batch whose kept rows weigh nothing: every row ignored (a high unlabelled fraction with small
// batches), or class weights that cancel. Its 'mean' loss is Σ/Σw = 0/0 = NaN (or x/0 = ±inf when
// weights cancel), as in PyTorch: a non-finite number that says nothing about divergence, so the
// guards skip it.
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

/**
 * A batch loss that is evidence of divergence: non-finite, and not from an empty batch, whose mean
 * is x/0 whatever the model (NaN when every row is ignored; ±inf when weights cancel, as PyTorch).
 */
export function batchLossDiverged(loss: number, emptyBatch: boolean): boolean {
  return !Number.isFinite(loss) && !emptyBatch;
}
