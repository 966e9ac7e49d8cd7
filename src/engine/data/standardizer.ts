// Per-feature standardisation, z = (x − mean) / std, fitted on the training set alone: fitting on
// validation rows too would leak their statistics into training.
import { ArgumentError } from '../../core/checks';
import type { Dataset } from './dataset';

export interface Standardizer {
  /** [d] per-feature mean of the training rows. */
  mean: number[];
  /** [d] per-feature population std (ddof 0, as sklearn's StandardScaler), or 1 for a constant feature. */
  std: number[];
}

export function fitStandardizer(train: Dataset): Standardizer {
  const { n, d, features } = train;
  if (n < 1) throw new ArgumentError('train', 'must have at least one row to fit a standardizer, got n = 0');
  const mean = new Array<number>(d).fill(0);
  const variance = new Array<number>(d).fill(0);
  // Two passes in float64: the one-pass Σx² − n·mean² cancels badly for features far from 0.
  for (let i = 0; i < n * d; i++) mean[i % d] += features[i] / n;
  for (let i = 0; i < n * d; i++) variance[i % d] += (features[i] - mean[i % d]) ** 2 / n;
  const std = variance.map((v, j) => {
    const s = Math.sqrt(v);
    // A constant feature has std 0, or a residue of a few ulps of its mean from the float64 averaging.
    // Either way it gets scale 1, which maps it to 0 instead of NaN or amplified rounding noise, as
    // sklearn's StandardScaler does for constant features.
    return s <= 10 * Number.EPSILON * Math.abs(mean[j]) ? 1 : s;
  });
  return { mean, std };
}

/** A new dataset with standardised features; labels and names are copied, the input is not touched. */
export function applyStandardizer(standardizer: Standardizer, dataset: Dataset): Dataset {
  const { mean, std } = standardizer;
  if (dataset.d !== mean.length) {
    throw new ArgumentError('dataset', `must have d = ${mean.length} features, as the standardizer was fitted on, got d = ${dataset.d}`);
  }
  const features = dataset.features.map((x, i) => (x - mean[i % dataset.d]) / std[i % dataset.d]);
  return { ...dataset, features, labels: dataset.labels.slice(), classNames: [...dataset.classNames] };
}
