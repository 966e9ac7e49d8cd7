// Contrastive pre-training (SimCLR) on the trainers: two augmented views per sample → MLP encoder with
// a linear projection head → NT-Xent at temperature τ. Then what it learnt: embedding statistics on a
// fixed probe batch, and the accuracy of a linear probe (a softmax regression trained with
// cross-entropy, on the same backend) on the frozen, L2-normalised embeddings.
import type { OptimizerConfig } from '../../core/optimizerConfig';
import type { Dataset } from '../data';
import { classificationMetrics } from '../metrics/classification';
import { type Init, initialParameters } from '../model/init';
import { type Activation, mlpLayout } from '../model/layout';
import { seededRandom } from '../random';
import { BatchSampler } from '../train/batches';
import type { MlpTrainer, MlpTrainingSetup } from '../train/types';
import { type Augmentation, twoViews } from './augment';
import { type EmbeddingStats, embeddingStats, normalizeRows } from './embeddingStats';

export interface ContrastiveSettings {
  seed: number;
  hidden: number[];
  activation: Activation;
  init: Init;
  /** Width of the projection head: the embedding NT-Xent sees. */
  projection: number;
  optimizer: OptimizerConfig;
  temperature: number;
  /** Samples per step; the step sees 2× as many rows (two views each). */
  batchSize: number;
  steps: number;
  augmentation: Augmentation;
  /** Live changes by increasing step: each applies before its step, as the page's session applies them. */
  changes?: ContrastiveChange[];
}

/** What changes live in pre-training; each field is the value from `step` on. */
export interface ContrastiveChange {
  step: number;
  optimizer?: OptimizerConfig;
  temperature?: number;
  batchSize?: number;
  augmentation?: Augmentation;
}

export interface ContrastiveResult {
  loss: number;
  /** On a fixed probe batch of two views, after training. */
  stats: EmbeddingStats;
  probeAccuracy: number;
}

export type Trainers = (setup: MlpTrainingSetup) => MlpTrainer;

/** The linear probe's training: full batch, Adam. The PyTorch export replays the same. */
export const PROBE = { steps: 300, lr: 0.05 } as const;

export async function pretrainContrastive(
  train: Dataset,
  validation: Dataset,
  settings: ContrastiveSettings,
  createTrainer: Trainers,
): Promise<ContrastiveResult> {
  const { seed, projection } = settings;
  const changes = settings.changes ?? [];
  const layout = mlpLayout({ inputs: train.d, hidden: settings.hidden, classes: projection, activation: settings.activation });
  const capacity = 2 * Math.max(settings.batchSize, ...changes.map((c) => c.batchSize ?? 0));
  const encoder = createTrainer({
    layout,
    batch: capacity,
    targetKind: 'index',
    objective: 'nt-xent',
    initialParameters: initialParameters(layout, settings.init, seed),
    optimizer: settings.optimizer,
    loss: { temperature: settings.temperature, reduction: 'mean', labelSmoothing: 0, ignoreIndex: -100 },
  });
  try {
    let { batchSize, augmentation, temperature } = settings;
    encoder.setBatchSize(2 * batchSize);
    let sampler = new BatchSampler(train.n, batchSize, seed + 1);
    const random = seededRandom(seed + 2);
    const views = new Float32Array(capacity * train.d);
    let next = 0;
    for (let step = 0; step < settings.steps; step++) {
      for (; next < changes.length && changes[next].step === step + 1; next++) {
        const change = changes[next];
        if (change.optimizer) encoder.setOptimizer(change.optimizer);
        if (change.batchSize !== undefined) {
          batchSize = change.batchSize;
          encoder.setBatchSize(2 * batchSize);
          sampler = new BatchSampler(train.n, batchSize, seed + 1 + step);
        }
        if (change.temperature !== undefined) {
          temperature = change.temperature;
          encoder.setLoss({ temperature, reduction: 'mean', labelSmoothing: 0, ignoreIndex: -100 });
        }
        augmentation = change.augmentation ?? augmentation;
      }
      const batch = sampler.next();
      encoder.step(twoViews(train.features, train.d, batch, augmentation, random, views.subarray(0, 2 * batch.length * train.d)));
    }
    const rows = 2 * batchSize;
    const loss = await encoder.lastLoss();
    const probeRows = new BatchSampler(train.n, batchSize, seed + 3).next();
    const probeViews = twoViews(train.features, train.d, probeRows, augmentation, seededRandom(seed + 4));
    const stats = embeddingStats(await encoder.predict(probeViews, rows), rows, projection);
    const embed = async (data: Dataset) =>
      Float32Array.from(normalizeRows(await encoder.predict(data.features, data.n), data.n, projection));
    const probeAccuracy = await linearProbe(
      await embed(train),
      train.labels,
      await embed(validation),
      validation.labels,
      train.classes,
      createTrainer,
      seed,
    );
    return { loss, stats, probeAccuracy };
  } finally {
    encoder.destroy();
  }
}

/** Softmax regression on frozen embeddings, full batch, Adam; validation accuracy. */
export async function linearProbe(
  trainX: Float32Array,
  trainY: Int32Array,
  validationX: Float32Array,
  validationY: Int32Array,
  classes: number,
  createTrainer: Trainers,
  seed: number,
): Promise<number> {
  const inputs = trainX.length / trainY.length;
  const layout = mlpLayout({ inputs, hidden: [], classes, activation: 'relu' });
  const probe = createTrainer({
    layout,
    batch: trainY.length,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'xavier', seed),
    optimizer: { kind: 'adam', lr: PROBE.lr },
    loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
  });
  try {
    for (let step = 0; step < PROBE.steps; step++) probe.step(trainX, trainY);
    const logits = await probe.predict(validationX, validationY.length);
    return classificationMetrics(logits, validationY, classes).accuracy;
  } finally {
    probe.destroy();
  }
}
