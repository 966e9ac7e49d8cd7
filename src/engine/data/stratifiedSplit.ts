// A train/validation split that keeps each class's share: per class, a seeded shuffle, then
// round(fraction · count) rows to validation. Without stratification a rare class can land wholly
// in one side, which hides exactly the effect class weights are meant to show.

import { seed as checkSeed, finiteNumber } from '../../core/checks';
import { seededRandom } from '../random';
import { type Dataset, selectRows } from './dataset';
import { shuffleInPlace } from './shuffle';

export const MAX_VALIDATION_FRACTION = 0.9;

export interface SplitOptions {
  /** Share of each class held out for validation, in [0, 0.9]. */
  validationFraction: number;
  /** PRNG seed, an integer in [0, 2^32 − 1]. */
  seed: number;
}

/**
 * Both the two new datasets and the rows of the input they came from. Indices are ascending, so
 * each subset keeps the input's row order; the trainer's batching does the shuffling.
 */
export interface Split {
  train: Dataset;
  validation: Dataset;
  trainIndices: Int32Array;
  validationIndices: Int32Array;
}

export function stratifiedSplit(dataset: Dataset, options: SplitOptions): Split {
  const fraction = finiteNumber('validationFraction', options.validationFraction, { min: 0, max: MAX_VALIDATION_FRACTION });
  const random = seededRandom(checkSeed(options.seed));
  const rowsByClass: number[][] = Array.from({ length: dataset.classes }, () => []);
  dataset.labels.forEach((y, row) => {
    rowsByClass[y].push(row);
  });

  let train: number[] = [];
  let validation: number[] = [];
  for (const rows of rowsByClass) {
    shuffleInPlace(rows, random);
    const held = heldOutRows(rows.length, fraction);
    validation = validation.concat(rows.slice(0, held));
    train = train.concat(rows.slice(held));
  }
  const trainIndices = Int32Array.from(train).sort();
  const validationIndices = Int32Array.from(validation).sort();
  return { train: selectRows(dataset, trainIndices), validation: selectRows(dataset, validationIndices), trainIndices, validationIndices };
}

/** Rows of a class of `count` rows that go to validation. */
function heldOutRows(count: number, fraction: number): number {
  // Every class keeps at least one training row: a class the model never sees cannot be learned,
  // and the frequency-based class weights would divide by zero.
  return Math.min(Math.round(fraction * count), Math.max(count - 1, 0));
}

/** The training rows stratifiedSplit leaves for classes of these sizes: known before splitting, whatever the seed. */
export function trainRowCount(classCounts: readonly number[], validationFraction: number): number {
  return classCounts.reduce((sum, count) => sum + count - heldOutRows(count, validationFraction), 0);
}
