import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/engine/experiment/presets';
import type { Experiment } from '../../src/engine/experiment/schema';
import { markerLabel } from '../../src/engine/session/markerLabel';

describe('markerLabel', () => {
  it('says a τ change rescaled the loss, with both values', () => {
    const a = presetById('contrastive-temperature').experiment;
    const b = structuredClone(a) as Experiment;
    if (b.loss.mode === 'nt-xent') b.loss.temperature = 0.05;
    expect(markerLabel(a, b, ['temperature'])).toBe('τ 0.5 → 0.05 (loss rescaled, not learning)');
  });

  it('names a reduction change with both values, and other changes by name', () => {
    const a = presetById('spiral-basics').experiment;
    const b = structuredClone(a) as Experiment;
    if (b.loss.mode === 'cross-entropy') b.loss.reduction = 'sum';
    expect(markerLabel(a, b, ['optimizer', 'reduction'])).toBe('optimizer, reduction mean → sum');
  });
});
