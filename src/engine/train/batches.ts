// Seeded mini-batches of a fixed size: each epoch is a fresh shuffle, and a batch that reaches the
// end of an epoch continues into the next one, so every batch is full (the GPU step has a fixed size).

import { integerInRange } from '../../core/checks';
import { shuffleInPlace } from '../data/shuffle';
import { type Random, seededRandom } from '../random';

export class BatchSampler {
  private readonly random: Random;
  private readonly order: Int32Array;
  private cursor: number;
  epoch = 0;

  constructor(
    readonly rows: number,
    readonly batchSize: number,
    seed: number,
  ) {
    integerInRange('batchSize', batchSize, 1, rows, ' (the training rows)');
    this.random = seededRandom(seed);
    this.order = Int32Array.from({ length: rows }, (_, i) => i);
    this.cursor = rows; // the first next() shuffles
  }

  /** The row indices of the next batch. */
  next(): Int32Array {
    const batch = new Int32Array(this.batchSize);
    for (let k = 0; k < this.batchSize; k++) {
      if (this.cursor === this.rows) {
        shuffleInPlace(this.order, this.random);
        this.cursor = 0;
        this.epoch++;
      }
      batch[k] = this.order[this.cursor++];
    }
    return batch;
  }
}

/** Gathers rows of a row-major [n, width] array into `out` [indices.length, width]. */
export function gatherRows<T extends Float32Array | Int32Array>(source: T, width: number, indices: Int32Array, out: T): T {
  for (let k = 0; k < indices.length; k++) {
    out.set(source.subarray(indices[k] * width, (indices[k] + 1) * width), k * width);
  }
  return out;
}
