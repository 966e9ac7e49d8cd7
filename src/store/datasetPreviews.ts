// Small fixed samples of each generated dataset, for the dataset picker's thumbnails: the same
// generator the trainer uses, at a fixed seed and size, computed once per shape.
import { GENERATORS, type GeneratorName, generateDataset } from '../engine/data/generateDataset';

export interface DatasetPreview {
  /** x, y pairs, row-major. */
  points: Float32Array;
  labels: Int32Array;
}

const cache = new Map<GeneratorName, DatasetPreview>();

/** The shape at its default class count: a thumbnail shows what the shape is, not the current settings. */
export function datasetPreview(name: GeneratorName): DatasetPreview {
  const cached = cache.get(name);
  if (cached) return cached;
  const data = generateDataset(name, { seed: 1, samples: 240, noise: 0.08, classes: GENERATORS[name].classes.default });
  const preview = { points: data.features, labels: data.labels };
  cache.set(name, preview);
  return preview;
}
