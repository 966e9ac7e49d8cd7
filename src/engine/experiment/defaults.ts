// The experiment the page opens with and `npm run train` runs without a config: the 3-arm spiral.
import { type CrossEntropyExperiment, EXPERIMENT_VERSION } from './schema';

export const DEFAULT_EXPERIMENT: CrossEntropyExperiment = {
  version: EXPERIMENT_VERSION,
  seed: 1,
  data: { source: 'spirals', classes: 3, samples: 600, noise: 0.05, imbalance: 1 },
  preparation: { validationFraction: 0.2, standardize: true, unlabelledFraction: 0 },
  model: { hidden: [64, 64], activation: 'relu', init: 'kaiming' },
  loss: { mode: 'cross-entropy', targets: { kind: 'hard' }, classWeights: { kind: 'uniform' }, labelSmoothing: 0, reduction: 'mean' },
  optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
  training: { batchSize: 64, steps: 2000, evalEvery: 100 },
};
