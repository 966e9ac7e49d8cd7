// Hidden labels: exactly round(fraction · n) of them become ignoreIndex, chosen by the seed.
import { describe, expect, it } from 'vitest';
import { maskLabels } from '../../src/engine/data';

const labels = Int32Array.from({ length: 1000 }, (_, i) => i % 3);
const hidden = (masked: Int32Array, ignoreIndex = -100) => masked.filter((y) => y === ignoreIndex).length;

describe('maskLabels', () => {
  it('hides exactly round(fraction · n) labels and leaves the others as they were', () => {
    const masked = maskLabels(labels, { fraction: 0.3335, seed: 1 }); // 333.5 rounds to 334
    expect(hidden(masked)).toBe(334);
    masked.forEach((y, i) => {
      if (y !== -100) expect(y).toBe(labels[i]);
    });
  });

  it('writes the given ignoreIndex', () => {
    expect(hidden(maskLabels(labels, { fraction: 0.5, seed: 1, ignoreIndex: -1 }), -1)).toBe(500);
  });

  it('hides nothing at 0 and everything at 1', () => {
    expect(maskLabels(labels, { fraction: 0, seed: 1 })).toEqual(labels);
    expect(hidden(maskLabels(labels, { fraction: 1, seed: 1 }))).toBe(1000);
  });

  it('is deterministic per seed and returns a new array', () => {
    const copy = labels.slice();
    const masked = maskLabels(labels, { fraction: 0.2, seed: 5 });
    expect(masked).toEqual(maskLabels(labels, { fraction: 0.2, seed: 5 }));
    expect(masked).not.toEqual(maskLabels(labels, { fraction: 0.2, seed: 6 }));
    expect(labels).toEqual(copy);
  });
});
