// A batch larger than a small file's training split comes down to it, and the notice names both values.
import { describe, expect, it } from 'vitest';
import { fitBatchSize } from '../../src/engine/experiment/fitBatchSize';

describe('fitBatchSize', () => {
  it('keeps a batch size that fits, with no notice', () => {
    expect(fitBatchSize(64, [50, 50], 0.2, 'a.csv')).toEqual({ batchSize: 64, notice: null });
    // 80 training rows exactly: a batch of all of them still fits.
    expect(fitBatchSize(80, [50, 50], 0.2, 'a.csv')).toEqual({ batchSize: 80, notice: null });
  });

  it('brings a larger one down to the training rows, saying from what to what and why', () => {
    // Classes of 30 and 30 with 20% held out of each: 24 + 24 = 48 training rows, as in the issue.
    expect(fitBatchSize(64, [30, 30], 0.2, 'small.csv')).toEqual({
      batchSize: 48,
      notice: 'Batch size 64 → 48: small.csv leaves 48 training rows after the 20% validation share, fewer than a batch of 64.',
    });
  });
});
