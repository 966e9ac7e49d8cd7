// Which batch losses the divergence guards may skip: those of a batch that kept no weight, whose
// 'mean' is x/0 whatever the model (issue 20, item 3).
import { describe, expect, it } from 'vitest';
import { batchLossDiverged, isEmptyBatch, keptWeight } from '../../src/engine/train/emptyBatch';
import type { LossSettings } from '../../src/engine/train/types';

const mean: LossSettings = { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 };

describe('empty batches', () => {
  it('sums the class weights of the kept rows only', () => {
    expect(keptWeight(Int32Array.of(0, -100, 2, 2), { ...mean, classWeights: Float32Array.of(0.5, 1, 2) })).toBe(4.5);
    expect(keptWeight(Int32Array.of(1, -100, 1), mean)).toBe(2);
  });

  it('is empty when every row is ignored, or the kept weights cancel, for the mean only', () => {
    expect(isEmptyBatch(Int32Array.of(-100, -100), mean)).toBe(true);
    expect(isEmptyBatch(Int32Array.of(0, 1), { ...mean, classWeights: Float32Array.of(1, -1) })).toBe(true);
    expect(isEmptyBatch(Int32Array.of(0, -100), mean)).toBe(false);
    expect(isEmptyBatch(Int32Array.of(-100, -100), { ...mean, reduction: 'sum' })).toBe(false); // the sum is 0, finite
    expect(isEmptyBatch(Float32Array.of(0.5, 0.5), mean)).toBe(false); // probabilities ignore no row
    expect(isEmptyBatch(undefined, mean)).toBe(false); // NT-Xent steps take no targets
  });

  it("skips an empty batch's non-finite loss, and no other", () => {
    expect(batchLossDiverged(Number.NaN, true)).toBe(false);
    expect(batchLossDiverged(Number.NEGATIVE_INFINITY, true)).toBe(false);
    expect(batchLossDiverged(Number.NaN, false)).toBe(true);
    expect(batchLossDiverged(Number.POSITIVE_INFINITY, false)).toBe(true);
    expect(batchLossDiverged(1.73, false)).toBe(false);
  });
});
