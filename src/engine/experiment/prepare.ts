// From an experiment's data section to the arrays the trainer reads: generate, split (stratified),
// standardise on train, weigh the classes from the train labels, then hide a share of them.
import { applyStandardizer, classWeights, type Dataset, fitStandardizer, generateDataset, maskLabels, stratifiedSplit } from '../data';
import { ArgumentError } from '../validate';
import type { Experiment } from './schema';

export interface PreparedData {
  train: Dataset;
  validation: Dataset;
  /** Train labels as the loss sees them: the unlabelled share replaced by ignoreIndex. */
  trainTargets: Int32Array;
  classWeights: Float32Array;
}

export const IGNORE_INDEX = -100;

export function prepareData(experiment: Experiment): PreparedData {
  const { data, preparation, loss, seed } = experiment;
  const dataset = generateDataset(data.source, {
    seed,
    samples: data.samples,
    noise: data.noise,
    classes: data.classes,
    imbalance: data.imbalance,
  });
  const split = stratifiedSplit(dataset, { validationFraction: preparation.validationFraction, seed: seed + 1 });
  let { train, validation } = split;
  if (preparation.standardize) {
    const standardizer = fitStandardizer(train);
    train = applyStandardizer(standardizer, train);
    validation = applyStandardizer(standardizer, validation);
  }
  const weights =
    loss.classWeights.kind === 'custom'
      ? customWeights(loss.classWeights.weights, dataset.classes)
      : classWeights(train.labels, train.classes, loss.classWeights);
  const trainTargets = maskLabels(train.labels, { fraction: preparation.unlabelledFraction, seed: seed + 2, ignoreIndex: IGNORE_INDEX });
  return { train, validation, trainTargets, classWeights: weights };
}

function customWeights(weights: number[], classes: number): Float32Array {
  if (weights.length !== classes) {
    throw new ArgumentError('loss.classWeights.weights', `must have one weight per class (${classes}), got ${weights.length}`);
  }
  return Float32Array.from(weights);
}
