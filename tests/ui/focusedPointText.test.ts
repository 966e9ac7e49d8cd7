import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/store/trainingTypes';
import { focusedPointText } from '../../src/ui/views/focusedPointText';

const set = { labels: Int32Array.from([0, 2, 1]), classNames: ['0', '1', '2'] };

const snapshot = {
  mode: 'cross-entropy',
  trainPredicted: Int32Array.from([0, 1, 1]),
  trainConfidence: Float32Array.from([0.9, 0.55, 0.7]),
  validationPredicted: Int32Array.from([2, 2, 2]),
  validationConfidence: Float32Array.from([0.4, 0.8, 0.345]),
} as unknown as Extract<Snapshot, { mode: 'cross-entropy' }>;

describe('focusedPointText', () => {
  it('names the split, index, true class, predicted class and its probability', () => {
    expect(focusedPointText({ split: 'train', index: 1 }, set, snapshot)).toBe(
      'Training sample 1: class 2, predicted class 1 with probability 0.55.',
    );
    expect(focusedPointText({ split: 'validation', index: 0 }, set, snapshot)).toBe(
      'Validation sample 0: class 0, predicted class 2 with probability 0.40.',
    );
  });

  it('uses class names of their own, and says when there is no prediction yet', () => {
    const named = { labels: set.labels, classNames: ['cat', 'dog', 'eel'] };
    expect(focusedPointText({ split: 'validation', index: 2 }, named, null)).toBe('Validation sample 2: 1 (dog), not yet predicted.');
  });
});
