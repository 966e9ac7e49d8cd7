import { describe, expect, it } from 'vitest';
import { BatchSampler, gatherRows } from '../../src/engine/train/batches';

describe('BatchSampler', () => {
  it('visits every row exactly once per epoch, in full batches that continue across epochs', () => {
    const sampler = new BatchSampler(10, 4, 1);
    const rows = Array.from({ length: 5 }, () => Array.from(sampler.next())).flat(); // 20 rows = 2 epochs
    expect(rows.slice(0, 10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.slice(10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.slice(0, 10)).not.toEqual(rows.slice(10)); // reshuffled
  });

  it('is the same for the same seed', () => {
    const [a, b] = [new BatchSampler(50, 8, 3), new BatchSampler(50, 8, 3)];
    for (let k = 0; k < 10; k++) expect(a.next()).toEqual(b.next());
  });

  it('refuses a batch larger than the training rows', () => {
    expect(() => new BatchSampler(10, 11, 1)).toThrow(/^batchSize: must be an integer in \[1, 10\] \(the training rows\), got 11/);
  });

  it('gathers rows', () => {
    const source = Float32Array.from([0, 1, 10, 11, 20, 21]);
    expect(Array.from(gatherRows(source, 2, Int32Array.from([2, 0]), new Float32Array(4)))).toEqual([20, 21, 0, 1]);
  });
});
