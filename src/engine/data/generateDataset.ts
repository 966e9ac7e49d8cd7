// The one entry point for the 2-D generators: validates the options, splits the samples into
// per-class counts, places each point on its shape and adds Gaussian noise. Rows come grouped by
// class, class 0 first; the split and the batching shuffle, so the generators do not.

import { ArgumentError, seed as checkSeed, finiteNumber, integerInRange } from '../../core/checks';
import { seededRandom } from '../random';
import { blobs } from './blobs';
import { circles } from './circles';
import { imbalancedCounts } from './classCounts';
import type { Dataset } from './dataset';
import { moons } from './moons';
import type { Shape } from './shape';
import { spirals } from './spirals';
import { xor } from './xor';

/** Each generator's shape, with the class range a UI can offer for it. */
export const GENERATORS = { spirals, blobs, circles, xor, moons } satisfies Record<string, Shape>;
export type GeneratorName = keyof typeof GENERATORS;

export const MAX_SAMPLES = 100_000;
export const MAX_NOISE = 5;

export interface GeneratorOptions {
  /** PRNG seed, an integer in [0, 2^32 − 1]. The same seed and options give identical arrays. */
  seed: number;
  /** Total number of points, an integer in [classes, 100000]. */
  samples: number;
  /** Standard deviation of the Gaussian added to each coordinate, in [0, 5]; the shapes span about 2 units. */
  noise: number;
  /** Number of classes, in the generator's range (GENERATORS[name].classes); default is that range's default. */
  classes?: number;
  /** How many times rarer the last class is than the first, finite and ≥ 1; default 1 (balanced). */
  imbalance?: number;
}

export function generateDataset(name: GeneratorName, options: GeneratorOptions): Dataset {
  if (!Object.hasOwn(GENERATORS, name)) {
    const names = Object.keys(GENERATORS).map((known) => `'${known}'`);
    throw new ArgumentError('name', `must be one of ${names.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const shape: Shape = GENERATORS[name];
  const range = shape.classes;
  const classes = integerInRange('classes', options.classes ?? range.default, range.min, range.max, ` for ${name}`);
  const samples = integerInRange('samples', options.samples, classes, MAX_SAMPLES, ' (at least one per class)');
  const noise = finiteNumber('noise', options.noise, { min: 0, max: MAX_NOISE });
  const imbalance = finiteNumber('imbalance', options.imbalance ?? 1, { min: 1 }, ' (first class : last class)');
  const random = seededRandom(checkSeed(options.seed));

  const counts = imbalancedCounts(samples, classes, imbalance);
  const features = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  let row = 0;
  counts.forEach((count, k) => {
    for (let j = 0; j < count; j++, row++) {
      const [x, y] = shape.point(k, j, count, classes, random);
      features[2 * row] = x + noise * random.normal();
      features[2 * row + 1] = y + noise * random.normal();
      labels[row] = k;
    }
  });
  const classNames = Array.from({ length: classes }, (_, k) => shape.className(k));
  return { name, features, labels, n: samples, d: 2, classes, classNames };
}
