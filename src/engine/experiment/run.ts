// Runs an experiment to the end on a trainer (GPU or CPU): mini-batches, metrics every evalEvery
// steps, and the divergence guard: a non-finite loss stops the run, says at which step and why, and
// rewinds the model to the last evaluation whose loss was finite.
import { integerInRange } from '../../core/checks';
import type { OptimizerConfig } from '../../core/optimizerConfig';
import { initialParameters } from '../model/init';
import { mlpLayout } from '../model/layout';
import { BatchSampler, gatherRows } from '../train/batches';
import { batchLossDiverged, isEmptyBatch } from '../train/emptyBatch';
import type { LossSettings, MlpTrainer, MlpTrainingSetup } from '../train/types';
import { largestBatchSize, settingsByChange } from './changes';
import { type Evaluation, evaluate } from './evaluate';
import { type DataFiles, IGNORE_INDEX, prepareData, trainClassWeights } from './prepare';
import type { CrossEntropyExperiment, Experiment } from './schema';

export interface Progress {
  step: number;
  epoch: number;
  /** Loss of the last training batch, as the optimiser saw it. */
  batchLoss: number;
  /** That batch kept no weight (every row ignored): its 'mean' loss is 0/0 = NaN, as in PyTorch. */
  emptyBatch: boolean;
  /** ‖∂L/∂θ‖₂ of that batch. */
  gradientNorm: number;
  train: Evaluation;
  validation: Evaluation;
}

export interface Divergence {
  step: number;
  cause: string;
  /** The step whose parameters the model was rewound to: the last finite evaluation, or 0 (the start). */
  rewoundTo: number;
}

export interface RunResult {
  steps: number;
  final: Progress;
  history: Progress[];
  diverged: Divergence | null;
  stepsPerSecond: number;
}

export type TrainerFactory = (setup: MlpTrainingSetup) => MlpTrainer;

export function trainingSetup(
  experiment: CrossEntropyExperiment,
  inputs: number,
  classes: number,
  classWeights: Float32Array,
): MlpTrainingSetup {
  const layout = mlpLayout({ inputs, hidden: experiment.model.hidden, classes, activation: experiment.model.activation });
  return {
    layout,
    batch: experiment.training.batchSize,
    targetKind: experiment.loss.targets.kind === 'hard' ? 'index' : 'probs',
    initialParameters: initialParameters(layout, experiment.model.init, experiment.seed),
    optimizer: optimizerConfig(experiment.optimizer),
    loss: lossSettings(experiment, classWeights),
  };
}

/** The experiment's optimizer section as the kernels take it (the same fields, by kind). */
export function optimizerConfig(optimizer: Experiment['optimizer']): OptimizerConfig {
  const { lr, weightDecay } = optimizer;
  if (optimizer.kind === 'sgd') return { kind: 'sgd', lr, momentum: optimizer.momentum, nesterov: optimizer.nesterov, weightDecay };
  return { kind: optimizer.kind, lr, beta1: optimizer.beta1, beta2: optimizer.beta2, weightDecay };
}

export function lossSettings(experiment: CrossEntropyExperiment, classWeights: Float32Array): LossSettings {
  const { labelSmoothing, reduction } = experiment.loss;
  return { classWeights, labelSmoothing, reduction, ignoreIndex: IGNORE_INDEX };
}

/**
 * Why a run must stop, or null. An empty batch's NaN loss (emptyBatch.ts) is no reason. The learning
 * rate is blamed only when the evidence says so: the gradient norm or the loss on the whole
 * training split is no longer finite; a batch loss alone that is not finite is reported as such.
 */
function divergenceCause(batchLoss: number, emptyBatch: boolean, gradientNorm: number, splitLoss: number, lr: number): string | null {
  const blameLr = ` (try a smaller learning rate than ${lr})`;
  const batchDiverged = batchLossDiverged(batchLoss, emptyBatch);
  if (!Number.isFinite(gradientNorm) || !Number.isFinite(splitLoss)) {
    if (batchDiverged) return `the training loss became ${batchLoss}${blameLr}`;
    if (!Number.isFinite(gradientNorm)) return `the gradient norm became ${gradientNorm}${blameLr}`;
    return `the loss on the training split became ${splitLoss}${blameLr}`;
  }
  if (!batchDiverged) return null;
  return (
    `the loss of one batch became ${batchLoss} while the loss on the training split is ${splitLoss.toFixed(4)} and the gradient ` +
    'norm is finite: not a sign of a too-large learning rate (check the class weights and targets of the batch)'
  );
}

export interface RunOptions extends DataFiles {
  onProgress?: (progress: Progress) => void;
}

export async function runExperiment(
  experiment: CrossEntropyExperiment,
  createTrainer: TrainerFactory,
  options: RunOptions,
): Promise<RunResult> {
  const { onProgress = () => {} } = options;
  const data = await prepareData(experiment, options);
  const { train, validation, trainInputs, trainTargets } = data;
  for (const [i, change] of (experiment.changes ?? []).entries()) {
    if (change.batchSize !== undefined) integerInRange(`changes.${i}.batchSize`, change.batchSize, 1, train.n, ' (the training rows)');
  }
  // Buffers hold the largest batch any live change asks for; the run starts at the step-0 size.
  const capacity = largestBatchSize(experiment);
  const setup = { ...trainingSetup(experiment, train.d, train.classes, data.classWeights), batch: capacity };
  const trainer = createTrainer(setup);
  trainer.setBatchSize(experiment.training.batchSize);
  const { steps, evalEvery } = experiment.training;
  let sampler = new BatchSampler(train.n, experiment.training.batchSize, experiment.seed + 3);
  const x = new Float32Array(capacity * train.d);
  const soft = trainTargets instanceof Float32Array;
  const targetWidth = soft ? train.classes : 1;
  const y = soft ? new Float32Array(capacity * targetWidth) : new Int32Array(capacity);
  let loss = setup.loss;
  let current: Experiment = experiment;
  const pending = settingsByChange(experiment);
  /** A change before step `step + 1`, as TrainingSession.update applies it after `step` steps. */
  const applyChangesAfter = (step: number) => {
    while (pending.length > 0 && pending[0].change.step === step + 1) {
      const { change, settings } = pending.shift() as (typeof pending)[number];
      if (change.optimizer) trainer.setOptimizer(optimizerConfig(settings.optimizer));
      if (change.batchSize !== undefined) {
        trainer.setBatchSize(change.batchSize);
        sampler = new BatchSampler(train.n, change.batchSize, experiment.seed + 3 + step);
      }
      if (change.loss) {
        loss = lossSettings(settings as CrossEntropyExperiment, trainClassWeights(settings, train));
        trainer.setLoss(loss);
      }
      current = settings;
    }
  };
  // Train metrics are measured on hard labels: with probability targets, the split's own labels.
  const trainLabels = soft ? train.labels : trainTargets;
  const history: Progress[] = [];
  let checkpoint = { step: 0, parameters: setup.initialParameters };
  let diverged: Divergence | null = null;
  const started = performance.now();

  const measure = async (step: number, batchLoss: number, gradientNorm: number, emptyBatch = false): Promise<Progress> => {
    const [trainLogits, validationLogits] = [
      await trainer.predict(train.features, train.n),
      await trainer.predict(validation.features, validation.n),
    ];
    return {
      step,
      epoch: sampler.epoch,
      batchLoss,
      emptyBatch,
      gradientNorm,
      train: evaluate(trainLogits, trainLabels, train.classes, loss),
      validation: evaluate(validationLogits, validation.labels, train.classes, loss),
    };
  };

  try {
    let step = 0;
    while (step < steps) {
      applyChangesAfter(step);
      const rows = sampler.next();
      const n = rows.length;
      const targets = gatherRows(trainTargets, targetWidth, rows, y.subarray(0, n * targetWidth));
      trainer.step(gatherRows(trainInputs, train.d, rows, x.subarray(0, n * train.d)), targets);
      step++;
      if (step % evalEvery !== 0 && step !== steps) continue;
      const batchLoss = await trainer.lastLoss();
      const gradientNorm = await trainer.lastGradientNorm();
      // A batch can stay finite while some parameters overflowed, and an empty batch's loss is NaN
      // while the model is fine: the whole split's loss tells them apart.
      const emptyBatch = isEmptyBatch(targets, setup.loss);
      const progress = await measure(step, batchLoss, gradientNorm, emptyBatch);
      const cause = divergenceCause(batchLoss, emptyBatch, gradientNorm, progress.train.loss, current.optimizer.lr);
      if (cause) {
        diverged = { step, cause, rewoundTo: checkpoint.step };
        trainer.loadParameters(checkpoint.parameters);
        break;
      }
      history.push(progress);
      onProgress(progress);
      checkpoint = { step, parameters: await trainer.parameters() };
    }
    const seconds = (performance.now() - started) / 1000;
    // After a rewind the final metrics are those of the restored model.
    const final = diverged ? await measure(diverged.rewoundTo, Number.NaN, Number.NaN) : (history.at(-1) as Progress);
    return { steps: diverged?.step ?? steps, final, history, diverged, stepsPerSecond: (diverged?.step ?? steps) / seconds };
  } finally {
    trainer.destroy();
  }
}
