// From an experiment's data section to the arrays the trainer reads: generate or load, split
// (stratified), standardise on train, weigh the classes from the train labels, then hide a share.

import { ArgumentError } from '../../core/checks';
import {
  applyStandardizer,
  classWeights,
  type Dataset,
  fitStandardizer,
  generateDataset,
  loadBuiltinDataset,
  loadCsvFromBytes,
  maskLabels,
  mixFeatures,
  softTargets,
  stratifiedSplit,
} from '../data';
import type { Experiment } from './schema';

export interface PreparedData {
  /** The training split as it is (standardised if asked): what train metrics are measured on. */
  train: Dataset;
  validation: Dataset;
  /** [n, d]: what the steps read; train.features, or mixup's mixed features. */
  trainInputs: Float32Array;
  /**
   * Train targets as the loss sees them: class indices with the unlabelled share replaced by
   * ignoreIndex, or [n, classes] probabilities.
   */
  trainTargets: Int32Array | Float32Array;
  classWeights: Float32Array;
}

export const IGNORE_INDEX = -100;

/** Reads a file: fetch in the browser, the file system in Node. */
export type FetchBytes = (path: string) => Promise<Uint8Array>;

/** Where the data files come from. */
export interface DataFiles {
  /** Reads a path under public/ (the built-in datasets). */
  fetchBytes: FetchBytes;
  /** Reads a user's CSV named by data.file: the uploaded file in the page, a path in the runner. */
  readUserFile?: FetchBytes;
}

async function loadData({ data, seed }: Experiment, files: DataFiles): Promise<Dataset> {
  if (data.source === 'csv') {
    if (!files.readUserFile)
      throw new ArgumentError('data.file', `names a user file (${JSON.stringify(data.file)}), but none can be read here`);
    const { labelColumn, header, dropMissing } = data;
    return loadCsvFromBytes(await files.readUserFile(data.file), data.file, { labelColumn, header, dropMissing });
  }
  if (!('samples' in data)) return loadBuiltinDataset(data.source, files.fetchBytes);
  const { source, samples, noise, classes, imbalance } = data;
  return generateDataset(source, { seed, samples, noise, classes, imbalance });
}

export async function prepareData(experiment: Experiment, files: DataFiles): Promise<PreparedData> {
  const { preparation, loss, seed } = experiment;
  const dataset = await loadData(experiment, files);
  const split = stratifiedSplit(dataset, { validationFraction: preparation.validationFraction, seed: seed + 1 });
  let { train, validation } = split;
  if (preparation.standardize) {
    const standardizer = fitStandardizer(train);
    train = applyStandardizer(standardizer, train);
    validation = applyStandardizer(standardizer, validation);
  }
  const targets = loss.mode === 'cross-entropy' ? loss.targets : ({ kind: 'hard' } as const);
  const weights = trainClassWeights(experiment, train);
  if (targets.kind === 'hard') {
    const trainTargets = maskLabels(train.labels, { fraction: preparation.unlabelledFraction, seed: seed + 2, ignoreIndex: IGNORE_INDEX });
    return { train, validation, trainInputs: train.features, trainTargets, classWeights: weights };
  }
  const soft = softTargets(
    train.labels,
    train.classes,
    targets.kind === 'mixup' ? { kind: 'mixup', alpha: targets.alpha, seed: seed + 2 } : targets,
  );
  const trainInputs = soft.pairs ? mixFeatures(train, soft.pairs) : train.features;
  return { train, validation, trainInputs, trainTargets: soft.targets, classWeights: weights };
}

/**
 * The class weights of the experiment's preset, computed from the training split's labels. Also how a
 * running session re-weighs live when the preset changes.
 */
export function trainClassWeights({ loss }: Experiment, train: Dataset): Float32Array {
  // Contrastive pre-training uses no labels; its linear probe weighs classes uniformly.
  const preset = loss.mode === 'cross-entropy' ? loss.classWeights : ({ kind: 'uniform' } as const);
  return preset.kind === 'custom' ? customWeights(preset.weights, train.classes) : classWeights(train.labels, train.classes, preset);
}

function customWeights(weights: number[], classes: number): Float32Array {
  if (weights.length !== classes) {
    throw new ArgumentError('loss.classWeights.weights', `must have one weight per class (${classes}), got ${weights.length}`);
  }
  return Float32Array.from(weights);
}
