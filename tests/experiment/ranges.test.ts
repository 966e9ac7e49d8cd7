// One table of ranges: the schema holds each parameter to its range, and the checks outside the
// schema (the store's τ and steps per frame, the page's fields) say the same range in words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { describeRange, inRange, RANGES } from '../../src/engine/experiment/ranges';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';

const withChange = (change: (e: Experiment) => void) => {
  const e = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
  change(e);
  return () => parseExperiment(e);
};

describe('RANGES', () => {
  it('bounds the schema: each end is accepted, just past it is refused with the field named', () => {
    const cases: [keyof typeof RANGES, (e: Experiment, v: number) => void][] = [
      [
        'learningRate',
        (e, v) => {
          e.optimizer.lr = v;
        },
      ],
      [
        'batchSize',
        (e, v) => {
          e.training.batchSize = v;
        },
      ],
      [
        'validationFraction',
        (e, v) => {
          e.preparation.validationFraction = v;
        },
      ],
      [
        'labelSmoothing',
        (e, v) => {
          if (e.loss.mode === 'cross-entropy') e.loss.labelSmoothing = v;
        },
      ],
    ];
    for (const [key, set] of cases) {
      const { min, max } = RANGES[key];
      expect(withChange((e) => set(e, min))).not.toThrow();
      expect(withChange((e) => set(e, max))).not.toThrow();
      expect(withChange((e) => set(e, max + 1))).toThrow(/: Too big/);
      expect(withChange((e) => set(e, min - 1))).toThrow(/: Too small/);
    }
  });

  it('bounds τ and the hidden widths in the schema', () => {
    const contrastive = (temperature: number) =>
      withChange((e) => {
        e.loss = { mode: 'nt-xent', temperature, projection: 8, augmentation: { kind: 'points', rotation: 0, scale: 0, jitter: 0 } };
      });
    expect(contrastive(RANGES.temperature.min)).not.toThrow();
    expect(contrastive(RANGES.temperature.max)).not.toThrow();
    expect(contrastive(RANGES.temperature.max * 1.01)).toThrow(/loss\.temperature/);
    expect(
      withChange((e) => {
        e.model.hidden = [RANGES.hiddenWidth.max + 1];
      }),
    ).toThrow(/model\.hidden\.0/);
    expect(
      withChange((e) => {
        e.model.hidden = Array(RANGES.hiddenLayers.max + 1).fill(4);
      }),
    ).toThrow(/model\.hidden/);
  });

  it('says a range in words, open ends included, and checks it the same way', () => {
    expect(describeRange(RANGES.temperature)).toBe('a number from 0.01 to 10');
    expect(describeRange(RANGES.stepsPerFrame)).toBe('an integer from 1 to 100');
    expect(describeRange(RANGES.momentum)).toBe('a number from 0 to 1 (max exclusive)');
    expect(inRange(1, RANGES.momentum)).toBe(false);
    expect(inRange(0, RANGES.mixupAlpha)).toBe(false);
    expect(inRange(2.5, RANGES.stepsPerFrame)).toBe(false);
    expect(inRange(Number.NaN, RANGES.learningRate)).toBe(false);
    expect(inRange(0.01, RANGES.temperature)).toBe(true);
  });
});
