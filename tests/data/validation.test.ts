// Every option rule of the data pipeline: bad input is refused with an ArgumentError whose message
// names the option and the values it allows; nothing is clamped into range.
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/checks';
import {
  applyStandardizer,
  type ClassWeightPreset,
  classWeights,
  type Dataset,
  fitStandardizer,
  type GeneratorName,
  type GeneratorOptions,
  generateDataset,
  maskLabels,
  mixFeatures,
  type SoftTargetOptions,
  softTargets,
  stratifiedSplit,
} from '../../src/engine/data';

const good: GeneratorOptions = { seed: 1, samples: 30, noise: 0.1 };
const generatorRules: [string, GeneratorName, Record<string, unknown>, RegExp][] = [
  [
    'an unknown generator',
    'swirls' as GeneratorName,
    {},
    /^name: must be one of 'spirals', 'blobs', 'circles', 'xor', 'moons', got "swirls"/,
  ],
  [
    'samples below the class count',
    'spirals',
    { samples: 2 },
    /^samples: must be an integer in \[3, 100000\] \(at least one per class\), got 2/,
  ],
  ['samples above 100000', 'blobs', { samples: 100_001 }, /^samples: must be an integer in \[3, 100000\].*got 100001/],
  ['samples not an integer', 'moons', { samples: 10.5 }, /^samples: must be an integer in \[2, 100000\].*got 10.5/],
  ['too many classes', 'spirals', { classes: 11 }, /^classes: must be an integer in \[2, 10\] for spirals, got 11/],
  ['one class', 'circles', { classes: 1 }, /^classes: must be an integer in \[2, 10\] for circles, got 1/],
  ['classes not an integer', 'blobs', { classes: 2.5 }, /^classes: must be an integer in \[2, 10\] for blobs, got 2.5/],
  ['xor with 3 classes', 'xor', { classes: 3 }, /^classes: must be 2 for xor, got 3/],
  ['moons with 3 classes', 'moons', { classes: 3 }, /^classes: must be 2 for moons, got 3/],
  ['negative noise', 'spirals', { noise: -0.1 }, /^noise: must be a finite number in \[0, 5\], got -0.1/],
  ['noise above 5', 'spirals', { noise: 5.5 }, /^noise: must be a finite number in \[0, 5\], got 5.5/],
  ['NaN noise', 'spirals', { noise: Number.NaN }, /^noise: must be a finite number in \[0, 5\], got NaN/],
  ['imbalance below 1', 'blobs', { imbalance: 0.5 }, /^imbalance: must be a finite number ≥ 1 \(first class : last class\), got 0.5/],
  ['infinite imbalance', 'blobs', { imbalance: Infinity }, /^imbalance: must be a finite number ≥ 1.*got Infinity/],
  ['a negative seed', 'xor', { seed: -1 }, /^seed: must be an integer in \[0, 4294967295\], got -1/],
  ['a fractional seed', 'xor', { seed: 0.5 }, /^seed: must be an integer in \[0, 4294967295\], got 0.5/],
  ['a seed beyond 32 bits', 'xor', { seed: 2 ** 32 }, /^seed: must be an integer in \[0, 4294967295\], got 4294967296/],
];

describe('generateDataset refuses', () => {
  it.each(generatorRules)('%s', (_rule, name, over, message) => {
    const call = () => generateDataset(name, { ...good, ...over } as GeneratorOptions);
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });

  it('accepts the edge of every range', () => {
    expect(generateDataset('spirals', { seed: 2 ** 32 - 1, samples: 10, noise: 5, classes: 10, imbalance: 1e9 }).n).toBe(10);
    expect(generateDataset('moons', { seed: 0, samples: 100_000, noise: 0, imbalance: 1 }).n).toBe(100_000);
  });
});

const tiny: Dataset = {
  name: 'tiny',
  features: Float32Array.from([0, 1, 2, 3, 4, 5]),
  labels: Int32Array.from([0, 1, 1]),
  n: 3,
  d: 2,
  classes: 2,
  classNames: ['a', 'b'],
};
const empty: Dataset = { ...tiny, features: new Float32Array(0), labels: new Int32Array(0), n: 0 };
const labels = Int32Array.from([0, 1, 1, 2]);

const otherRules: [string, () => unknown, RegExp][] = [
  [
    'a validation fraction above 0.9',
    () => stratifiedSplit(tiny, { validationFraction: 0.95, seed: 1 }),
    /^validationFraction: must be a finite number in \[0, 0.9\], got 0.95/,
  ],
  ['a negative validation fraction', () => stratifiedSplit(tiny, { validationFraction: -0.1, seed: 1 }), /^validationFraction: .*got -0.1/],
  ['a NaN validation fraction', () => stratifiedSplit(tiny, { validationFraction: Number.NaN, seed: 1 }), /^validationFraction: .*got NaN/],
  ['a split seed that is not an integer', () => stratifiedSplit(tiny, { validationFraction: 0.2, seed: 1.5 }), /^seed: must be an integer/],
  [
    'fitting a standardizer on no rows',
    () => fitStandardizer(empty),
    /^train: must have at least one row to fit a standardizer, got n = 0/,
  ],
  [
    'standardising a dataset of another width',
    () => applyStandardizer({ mean: [0, 0, 0], std: [1, 1, 1] }, tiny),
    /^dataset: must have d = 3 features, as the standardizer was fitted on, got d = 2/,
  ],
  [
    'a label outside [0, classes)',
    () => classWeights(labels, 2, { kind: 'uniform' }),
    /^labels\[3\]: must be a class index in \[0, 2\), got 2/,
  ],
  [
    'an ignoreIndex among the weight labels',
    () => classWeights(Int32Array.from([0, -100]), 2, { kind: 'uniform' }),
    /^labels\[1\]: .*got -100/,
  ],
  [
    'labels that are not an Int32Array',
    () => classWeights([0, 1] as unknown as Int32Array, 2, { kind: 'uniform' }),
    /^labels: must be an Int32Array/,
  ],
  ['zero classes', () => classWeights(labels, 0, { kind: 'uniform' }), /^classes: must be an integer ≥ 1, got 0/],
  ['β = 1', () => classWeights(labels, 3, { kind: 'effective-number', beta: 1 }), /^beta: must be a finite number in \[0, 1\), got 1/],
  ['a negative β', () => classWeights(labels, 3, { kind: 'effective-number', beta: -0.5 }), /^beta: .*got -0.5/],
  [
    'an unknown weight preset',
    () => classWeights(labels, 3, { kind: 'balanced' } as unknown as ClassWeightPreset),
    /^preset.kind: must be one of 'uniform', 'inverse-frequency', 'inverse-sqrt-frequency', 'effective-number', 'wrong', got "balanced"/,
  ],
  [
    'a mask fraction above 1',
    () => maskLabels(labels, { fraction: 1.5, seed: 1 }),
    /^fraction: must be a finite number in \[0, 1\], got 1.5/,
  ],
  ['a negative mask fraction', () => maskLabels(labels, { fraction: -0.5, seed: 1 }), /^fraction: .*got -0.5/],
  [
    'a fractional ignoreIndex',
    () => maskLabels(labels, { fraction: 0.5, seed: 1, ignoreIndex: 0.5 }),
    /^ignoreIndex: .*\(a 32-bit integer\), got 0.5/,
  ],
  ['a mask seed beyond 32 bits', () => maskLabels(labels, { fraction: 0.5, seed: -3 }), /^seed: .*got -3/],
  [
    'flip probability 1',
    () => softTargets(labels, 3, { kind: 'noisy-annotator', flipProbability: 1 }),
    /^flipProbability: must be a finite number in \[0, 1\), got 1/,
  ],
  [
    'a negative flip probability',
    () => softTargets(labels, 3, { kind: 'noisy-annotator', flipProbability: -0.1 }),
    /^flipProbability: .*got -0.1/,
  ],
  ['mixup alpha 0', () => softTargets(labels, 3, { kind: 'mixup', alpha: 0, seed: 1 }), /^alpha: must be a finite number > 0, got 0/],
  ['an infinite mixup alpha', () => softTargets(labels, 3, { kind: 'mixup', alpha: Infinity, seed: 1 }), /^alpha: .*got Infinity/],
  ['a mixup seed that is not an integer', () => softTargets(labels, 3, { kind: 'mixup', alpha: 1, seed: Number.NaN }), /^seed: .*got NaN/],
  [
    'soft targets for one class',
    () => softTargets(Int32Array.from([0]), 1, { kind: 'noisy-annotator', flipProbability: 0 }),
    /^classes: must be an integer ≥ 2, got 1/,
  ],
  [
    'a soft-target label out of range',
    () => softTargets(labels, 2, { kind: 'noisy-annotator', flipProbability: 0 }),
    /^labels\[3\]: must be a class index in \[0, 2\), got 2/,
  ],
  [
    'an unknown soft-target kind',
    () => softTargets(labels, 3, { kind: 'cutmix' } as unknown as SoftTargetOptions),
    /^options.kind: must be 'noisy-annotator' or 'mixup', got "cutmix"/,
  ],
  [
    'mixup pairs for another number of rows',
    () => mixFeatures(tiny, { partner: Int32Array.from([1, 0]), lambda: Float32Array.from([0.5, 0.5]) }),
    /^pairs: must have one partner and one lambda per row, n = 3, got 2 and 2/,
  ],
];

describe('the pipeline steps refuse', () => {
  it.each(otherRules)('%s', (_rule, call, message) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });
});
