import { describe, expect, it } from 'vitest';
import { batchLossText } from '../../src/ui/batchLossText';

const f = (x: number) => x.toFixed(2);

describe('batchLossText', () => {
  it('shows a mean batch loss as it is, and a summed one with its reduction and the per-sample mean', () => {
    expect(batchLossText(null, 'sum', 64, f)).toBe('Batch loss –');
    expect(batchLossText(0.42, 'mean', 64, f)).toBe('Batch loss 0.42');
    expect(batchLossText(64, 'sum', 64, f)).toBe("Batch loss 64.00 (reduction 'sum' over 64 samples; 1.00 per sample)");
    expect(batchLossText(32, 'none', 64, f)).toBe("Batch loss 32.00 (reduction 'none', summed over 64 samples; 0.50 per sample)");
  });
});
