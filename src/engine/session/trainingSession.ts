// A training run that the page drives a few steps at a time, on either backend: cross-entropy
// classification, or NT-Xent pre-training of the same MLP. It takes live changes between steps
// (planUpdate says which), measures on demand, and can checkpoint and rewind. Headless runs use
// runExperiment; this is the same trainer, data and setup, stepped from outside.

import { ArgumentError } from '../../core/checks';
import { ntXentForwardBackward } from '../../reference/nt_xent';
import { twoViews } from '../contrastive/augment';
import { type EmbeddingStats, embeddingStats, normalizeRows } from '../contrastive/embeddingStats';
import { linearProbe } from '../contrastive/pretrain';
import { REFERENCE_TEMPERATURE } from '../contrastive/referenceTemperature';
import type { Dataset } from '../data';
import { applyLiveChange, largestBatchSize, startSettings } from '../experiment/changes';
import { type Evaluation, evaluate } from '../experiment/evaluate';
import { type DataFiles, IGNORE_INDEX, type PreparedData, prepareData, trainClassWeights } from '../experiment/prepare';
import { lossSettings, optimizerConfig, trainingSetup } from '../experiment/run';
import type { CrossEntropyExperiment, Experiment } from '../experiment/schema';
import { argmax, confidence as probabilityOf } from '../metrics/classification';
import { initialParameters } from '../model/init';
import { mlpLayout } from '../model/layout';
import { type Random, seededRandom } from '../random';
import { BatchSampler, gatherRows } from '../train/batches';
import { isEmptyBatch } from '../train/emptyBatch';
import type { LossSettings, MlpTrainer, MlpTrainingSetup, SteppingBackend } from '../train/types';
import { ChangeLog } from './changeLog';
import { principalPlane } from './embeddingScatter';
import { planUpdate, type UpdatePlan } from './liveUpdate';
import { confidenceRows, SIMPLEX_CLASSES, softmaxRows } from './predictionRows';

export type TrainerFactory = (setup: MlpTrainingSetup) => MlpTrainer;
/** The run's trainer, told the batch size it starts with (rows per step): see Engine.createWarmStartTrainer. */
export type RunTrainerFactory = (setup: MlpTrainingSetup, rows: number) => MlpTrainer;

/** Most samples per step a cross-entropy run's buffers hold, so that batch size can change live. */
const CROSS_ENTROPY_CAPACITY = 1024;
/** NT-Xent's similarity matrix is (2·batch)²: a smaller ceiling. */
const CONTRASTIVE_CAPACITY = 256;
/** Samples in the fixed probe batch of the contrastive views (2× as many rows). */
const PROBE_SAMPLES = 32;

export interface ClassificationSnapshot {
  mode: 'cross-entropy';
  step: number;
  epoch: number;
  train: Evaluation;
  validation: Evaluation;
  /** [train.n] and [validation.n]: each sample's arg-max class. */
  trainPredicted: Int32Array;
  validationPredicted: Int32Array;
  /** [train.n] and [validation.n]: the predicted class's softmax probability. */
  trainConfidence: Float32Array;
  validationConfidence: Float32Array;
  /** [validation.n, 3]: each validation row's softmax, in 3-class runs only (the simplex view); null otherwise. */
  validationProbabilities: Float32Array | null;
}

export interface ContrastiveSnapshot {
  mode: 'nt-xent';
  step: number;
  epoch: number;
  /** NT-Xent of the fixed train and validation probe batches (two views each) at the current τ. */
  trainLoss: number;
  validationLoss: number;
  /** The τ in use, and the train probe's NT-Xent at REFERENCE_TEMPERATURE: comparable across τ changes. */
  temperature: number;
  referenceLoss: number;
  stats: EmbeddingStats;
  /** [R, R] cosine similarities ẑẑᵀ of the train probe batch, R = 2·probe samples; row i pairs with i + R/2. */
  similarity: Float64Array;
  rows: number;
  /** [validation.n, 2]: the validation embeddings projected on their first two principal axes. */
  scatter: Float64Array;
}

export type Snapshot = ClassificationSnapshot | ContrastiveSnapshot;

export interface Checkpoint {
  step: number;
  epoch: number;
  parameters: Float32Array;
}

/** A 2-D model's prediction over a grid covering the data, for the decision-boundary view. */
export interface DecisionGrid {
  resolution: number;
  /** [x0, x1, y0, y1] in the (standardised) feature space. */
  bounds: [number, number, number, number];
  /** [resolution²], row-major from y0: the arg-max class. */
  classes: Uint8Array;
  /** [resolution²]: the winning class's probability. */
  confidence: Float32Array;
}

export class TrainingSession {
  private sampler: BatchSampler;
  private readonly x: Float32Array;
  private readonly y: Int32Array | Float32Array;
  private readonly random: Random;
  private steps = 0;
  private emptyBatch = false;
  private settings: LossSettings;
  /** [train.n + validation.n, d]: the two splits' features end to end, for one predict per measurement. */
  private readonly splitFeatures: Float32Array;
  /** The live changes taken so far, with the step each took effect at, and those still to replay. */
  private readonly log: ChangeLog;
  private current: Experiment;

  private constructor(
    experiment: Experiment,
    readonly data: PreparedData,
    private readonly trainer: MlpTrainer,
    readonly setup: MlpTrainingSetup,
    /** Most samples per step the trainer's buffers hold. */
    readonly capacity: number,
    private readonly probes: { train: Float32Array; validation: Float32Array } | null,
    private readonly createTrainer: TrainerFactory,
  ) {
    const { train } = data;
    this.log = new ChangeLog(experiment);
    const current = startSettings(experiment);
    this.current = current;
    const rows = setup.batch; // capacity in rows: two per sample for NT-Xent
    this.x = new Float32Array(rows * train.d);
    this.y = data.trainTargets instanceof Float32Array ? new Float32Array(rows * train.classes) : new Int32Array(rows);
    this.sampler = new BatchSampler(train.n, current.training.batchSize, current.seed + 3);
    this.random = seededRandom(current.seed + 5);
    this.splitFeatures = new Float32Array((train.n + data.validation.n) * train.d);
    this.splitFeatures.set(train.features);
    this.splitFeatures.set(data.validation.features, train.features.length);
    this.settings = setup.loss;
  }

  /** `createRunTrainer` makes the run's own trainer (the page's warm start); `createTrainer` the linear probe's. */
  static async create(
    experiment: Experiment,
    createTrainer: TrainerFactory,
    files: DataFiles,
    createRunTrainer: RunTrainerFactory = createTrainer,
  ): Promise<TrainingSession> {
    const data = await prepareData(experiment, files);
    const { train, validation } = data;
    checkBatchFits(largestBatchSize(experiment), train);
    if (experiment.loss.mode === 'cross-entropy') {
      const capacity = Math.max(largestBatchSize(experiment), Math.min(CROSS_ENTROPY_CAPACITY, train.n));
      const setup = { ...trainingSetup(experiment as CrossEntropyExperiment, train.d, train.classes, data.classWeights), batch: capacity };
      const trainer = createRunTrainer(setup, experiment.training.batchSize);
      trainer.setBatchSize(experiment.training.batchSize);
      return new TrainingSession(experiment, data, trainer, setup, capacity, null, createTrainer);
    }
    const { loss, model, seed } = experiment;
    const capacity = Math.max(largestBatchSize(experiment), Math.min(CONTRASTIVE_CAPACITY, train.n));
    const layout = mlpLayout({ inputs: train.d, hidden: model.hidden, classes: loss.projection, activation: model.activation });
    const setup: MlpTrainingSetup = {
      layout,
      batch: 2 * capacity,
      targetKind: 'index',
      objective: 'nt-xent',
      initialParameters: initialParameters(layout, model.init, seed),
      optimizer: optimizerConfig(experiment.optimizer),
      loss: { temperature: loss.temperature, reduction: 'mean', labelSmoothing: 0, ignoreIndex: IGNORE_INDEX },
    };
    const trainer = createRunTrainer(setup, 2 * experiment.training.batchSize);
    trainer.setBatchSize(2 * experiment.training.batchSize);
    const probe = (set: Dataset, offset: number) =>
      twoViews(
        set.features,
        set.d,
        new BatchSampler(set.n, Math.min(PROBE_SAMPLES, set.n), seed + offset).next(),
        loss.augmentation,
        seededRandom(seed + offset + 1),
      );
    return new TrainingSession(
      experiment,
      data,
      trainer,
      setup,
      capacity,
      { train: probe(train, 11), validation: probe(validation, 13) },
      createTrainer,
    );
  }

  /** The settings in force (no change log). */
  get experiment(): Experiment {
    return this.current;
  }

  /**
   * The run as trained so far: the step-0 settings and, in `changes`, every live change with the step
   * it took effect at (the first step trained with it). A new object after each change.
   */
  get trained(): Experiment {
    return this.log.trained;
  }

  get step(): number {
    return this.steps;
  }

  /** Which backend takes the steps, where the trainer can change it mid-run; null for a one-backend trainer. */
  get stepping(): SteppingBackend | null {
    return this.trainer.stepping ?? null;
  }

  get epoch(): number {
    return this.sampler.epoch;
  }

  /** The last step's batch kept no weight: its mean loss is NaN (0/0, as in PyTorch) and means nothing. */
  get lastBatchEmpty(): boolean {
    return this.emptyBatch;
  }

  get lossSettings(): LossSettings {
    return this.settings;
  }

  /** Encodes `count` optimisation steps; on WebGPU they run after this returns. */
  advance(count: number): void {
    const { train, trainInputs, trainTargets } = this.data;
    for (let k = 0; k < count; k++) {
      for (const change of this.log.due(this.steps)) {
        const plan = this.update(applyLiveChange(this.current, change));
        if (plan.kind === 'reset') throw new Error(`the recorded change at step ${change.step} cannot be replayed live: ${plan.reason}`);
      }
      const loss = this.current.loss;
      const rows = this.sampler.next();
      if (loss.mode === 'nt-xent') {
        const views = twoViews(train.features, train.d, rows, loss.augmentation, this.random, this.x);
        this.trainer.step(views.subarray(0, 2 * rows.length * train.d));
      } else {
        const width = trainTargets instanceof Float32Array ? train.classes : 1;
        const x = gatherRows(trainInputs, train.d, rows, this.x.subarray(0, rows.length * train.d));
        const targets = gatherRows(trainTargets, width, rows, this.y.subarray(0, rows.length * width));
        this.trainer.step(x, targets);
        this.emptyBatch = isEmptyBatch(targets, this.settings);
      }
      this.steps++;
    }
  }

  /** The last batch's loss without stalling the loop, or null when too many reads are in flight. */
  sampleBatchLoss(): Promise<number> | null {
    return this.trainer.sampleLoss();
  }

  lastBatchLoss(): Promise<number> {
    return this.trainer.lastLoss();
  }

  gradientNorm(): Promise<number> {
    return this.trainer.lastGradientNorm();
  }

  /** Applies what can change live and returns the plan; a 'reset' plan is not applied (start a new session). */
  update(incoming: Experiment): UpdatePlan {
    const next = startSettings(incoming); // the settings; a change log is not the session's to take
    const plan = planUpdate(this.current, next, this.capacity);
    if (plan.kind === 'reset') return plan;
    // Checked before anything is applied: a refused change leaves the session as it was.
    if (plan.changed.includes('batch size')) checkBatchFits(next.training.batchSize, this.data.train);
    if (plan.changed.includes('optimizer')) this.trainer.setOptimizer(optimizerConfig(next.optimizer));
    const pairs = next.loss.mode === 'nt-xent' ? 2 : 1;
    if (plan.changed.includes('batch size')) {
      const { train } = this.data;
      this.trainer.setBatchSize(pairs * next.training.batchSize);
      this.sampler = new BatchSampler(train.n, next.training.batchSize, next.seed + 3 + this.steps);
    }
    const lossChanged = plan.changed.some((c) => c !== 'optimizer' && c !== 'batch size');
    if (lossChanged) {
      if (next.loss.mode === 'nt-xent') {
        this.settings = { ...this.settings, temperature: next.loss.temperature };
      } else {
        this.settings = lossSettings(next as CrossEntropyExperiment, trainClassWeights(next, this.data.train));
      }
      this.trainer.setLoss(this.settings);
    }
    this.log.record(this.current, next, this.steps);
    this.current = next;
    return plan;
  }

  /** The class weights in use: [classes]. */
  get classWeights(): Float32Array {
    return this.settings.classWeights ?? new Float32Array(this.data.train.classes).fill(1);
  }

  async snapshot(): Promise<Snapshot> {
    const { train, validation } = this.data;
    const { step, epoch } = this;
    if (this.current.loss.mode === 'cross-entropy') {
      const trainLabels = this.data.trainTargets instanceof Int32Array ? this.data.trainTargets : train.labels;
      // Both splits in one predict: one round trip to the GPU (per capacity-sized chunk), not two.
      const logits = await this.predict(this.splitFeatures, train.n + validation.n);
      const trainLogits = logits.subarray(0, train.n * train.classes);
      const validationLogits = logits.subarray(train.n * train.classes);
      const trainPredicted = argmaxRows(trainLogits, train.classes);
      const validationPredicted = argmaxRows(validationLogits, train.classes);
      return {
        mode: 'cross-entropy',
        step,
        epoch,
        train: evaluate(trainLogits, trainLabels, train.classes, this.settings),
        validation: evaluate(validationLogits, validation.labels, train.classes, this.settings),
        trainPredicted,
        validationPredicted,
        trainConfidence: confidenceRows(trainLogits, train.classes, trainPredicted),
        validationConfidence: confidenceRows(validationLogits, train.classes, validationPredicted),
        validationProbabilities: train.classes === SIMPLEX_CLASSES ? softmaxRows(validationLogits, train.classes) : null,
      };
    }
    const probes = this.probes as { train: Float32Array; validation: Float32Array };
    const rows = probes.train.length / train.d;
    const dim = this.setup.layout.config.classes;
    const temperature = this.current.loss.temperature;
    const [trainZ, validationZ] = [
      await this.predict(probes.train, rows),
      await this.predict(probes.validation, probes.validation.length / train.d),
    ];
    const embedded = normalizeRows(await this.predict(validation.features, validation.n), validation.n, dim);
    // The float64 reference gives the probe batch's loss and its cosine matrix ẑẑᵀ in one pass.
    const ntXent = (z: Float32Array, tau = temperature) =>
      ntXentForwardBackward({ z, rows: z.length / dim, dim, temperature: tau, reduction: 'mean' });
    const trainProbe = ntXent(trainZ);
    return {
      mode: 'nt-xent',
      step,
      epoch,
      trainLoss: trainProbe.loss[0],
      validationLoss: ntXent(validationZ).loss[0],
      temperature,
      referenceLoss: temperature === REFERENCE_TEMPERATURE ? trainProbe.loss[0] : ntXent(trainZ, REFERENCE_TEMPERATURE).loss[0],
      stats: embeddingStats(trainZ, rows, dim),
      similarity: trainProbe.similarity,
      rows,
      scatter: principalPlane(embedded, validation.n, dim),
    };
  }

  /** Validation accuracy of a linear probe (softmax regression, on this backend) on the frozen embeddings. */
  async probeAccuracy(): Promise<number> {
    const { train, validation } = this.data;
    const dim = this.setup.layout.config.classes;
    const embed = async (set: Dataset) => Float32Array.from(normalizeRows(await this.predict(set.features, set.n), set.n, dim));
    const [trainZ, validationZ] = [await embed(train), await embed(validation)];
    return linearProbe(trainZ, train.labels, validationZ, validation.labels, train.classes, this.createTrainer, this.current.seed);
  }

  /** The network's outputs for any rows: logits, or the projection's embeddings. */
  predict(x: Float32Array, rows: number): Promise<Float32Array> {
    return this.trainer.predict(x, rows);
  }

  /** For 2-D data in cross-entropy mode: the model's class over a grid around the training points. */
  async decisionGrid(resolution: number): Promise<DecisionGrid | null> {
    const { train } = this.data;
    if (train.d !== 2 || this.current.loss.mode !== 'cross-entropy') return null;
    const bounds = paddedBounds(train);
    const [x0, x1, y0, y1] = bounds;
    const points = new Float32Array(resolution * resolution * 2);
    for (let j = 0; j < resolution; j++) {
      for (let i = 0; i < resolution; i++) {
        const at = 2 * (j * resolution + i);
        points[at] = x0 + ((i + 0.5) / resolution) * (x1 - x0);
        points[at + 1] = y0 + ((j + 0.5) / resolution) * (y1 - y0);
      }
    }
    const logits = await this.predict(points, resolution * resolution);
    const c = train.classes;
    const classes = new Uint8Array(resolution * resolution);
    const confidence = new Float32Array(resolution * resolution);
    for (let p = 0; p < resolution * resolution; p++) {
      classes[p] = argmax(logits, p * c, c);
      confidence[p] = probabilityOf(logits, p * c, c, classes[p]);
    }
    return { resolution, bounds, classes, confidence };
  }

  async checkpoint(): Promise<Checkpoint> {
    return { step: this.steps, epoch: this.sampler.epoch, parameters: await this.trainer.parameters() };
  }

  /**
   * Back to a checkpoint: its parameters, its step and epoch counts, and a fresh optimizer state.
   * The batches that follow are a fresh shuffle, not the ones the run would have drawn.
   */
  restore(checkpoint: Checkpoint): void {
    this.log.rewind(checkpoint.step);
    this.trainer.loadParameters(checkpoint.parameters);
    this.steps = checkpoint.step;
    this.sampler.epoch = checkpoint.epoch;
  }

  destroy(): void {
    this.trainer.destroy();
  }
}

function argmaxRows(logits: Float32Array, classes: number): Int32Array {
  return Int32Array.from({ length: logits.length / classes }, (_, i) => argmax(logits, i * classes, classes));
}

function checkBatchFits(batchSize: number, train: Dataset): void {
  if (batchSize > train.n) throw new ArgumentError('training.batchSize', `must be at most the ${train.n} training rows, got ${batchSize}`);
}

/** The data's bounding box, 10% larger on each side. */
function paddedBounds(train: Dataset): [number, number, number, number] {
  let [x0, x1, y0, y1] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < train.n; i++) {
    const [x, y] = [train.features[2 * i], train.features[2 * i + 1]];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const [px, py] = [0.1 * (x1 - x0 || 1), 0.1 * (y1 - y0 || 1)];
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}
